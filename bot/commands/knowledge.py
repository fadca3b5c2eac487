"""The search index and the knowledge loop: `iprdesk index build|status`, `iprdesk kb gaps|history|undo`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.commands.common import Failure, settings_of


def index_build(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Only when there is no usable index.")] = False,
) -> None:
    """Build the index from the knowledge base, re-embedding only changed sections."""
    from bot.core.computed import plain
    from bot.core.rejections import rejection_text
    from bot.retrieval.build import KnowledgeDesk
    from bot.retrieval.embedder import load_embedder

    settings = settings_of(ctx)
    desk = KnowledgeDesk(settings.knowledge_dir, settings.index_dir, load_embedder(settings.embedding_model))
    if if_missing and desk.has_index():
        typer.echo(f"index present in {settings.index_dir}")
        return
    if quiet:
        report = desk.rebuild()
    else:
        with typer.progressbar(length=1, label="embedding", file=sys.stderr) as bar:
            report = desk.rebuild(progress=lambda done, total: _advance(bar, done, total))
    for error in report.errors:  # in English, through the chat's texts
        typer.echo(f"left out: {plain(rejection_text(error, 'en'))}", err=True)
    typer.echo(
        f"index {report.build}: {report.sections} sections from {report.files} files "
        f"({report.embedded} embedded, {report.reused} reused) in {report.took_s:.2f} s"
    )


def _advance(bar: object, done: int, total: int) -> None:
    bar.length = total  # type: ignore[attr-defined]
    bar.update(done - bar.pos)  # type: ignore[attr-defined]


def index_status(ctx: typer.Context) -> None:
    """Show the index in service: model, size, build time, and whether knowledge/ changed since."""
    from bot.retrieval.knowledge import knowledge_paths
    from bot.retrieval.store import IndexUnavailable, load_build

    settings = settings_of(ctx)
    try:
        build = load_build(settings.index_dir)
    except IndexUnavailable as exc:
        raise Failure(str(exc)) from exc
    m = build.manifest
    on_disk = {p.relative_to(settings.knowledge_dir).as_posix(): p for p in knowledge_paths(settings.knowledge_dir)}
    import hashlib

    changed = [path for path, p in on_disk.items() if m.files.get(path) != hashlib.sha256(p.read_bytes()).hexdigest()]
    typer.echo(f"build      {build.name}\nbuilt at   {m.built_at}\nmodel      {m.model} ({m.dim} dimensions)")
    typer.echo(f"sections   {m.sections} from {len(m.files)} files\nleft out   {len(m.errors)} problems")
    typer.echo(f"changed    {len(changed)} files since the build" + (f": {', '.join(changed)}" if changed else ""))


def kb_gaps(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="CSV file to write; default stdout.")] = None,
) -> None:
    """Every knowledge gap (declined, 👎, closed escalations) as CSV, similar questions in numbered groups."""
    from bot.app import build_retrieval, build_tracker
    from bot.core.gap_export import write_gaps

    settings = settings_of(ctx)
    tracker = build_tracker(settings)
    retriever, _ = build_retrieval(settings)
    if out is None:
        count = write_gaps(sys.stdout, tracker.all_gaps(), retriever)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            count = write_gaps(handle, tracker.all_gaps(), retriever)
    typer.echo(f"{count} gaps exported", err=True)


def kb_history(ctx: typer.Context, topic: str) -> None:
    """The last changes to a knowledge topic (its front-matter id), newest first."""
    from bot.app import build_tracker
    from bot.core.render import china_time

    changes = build_tracker(settings_of(ctx)).knowledge_changes(actor_id=None, topic=topic, limit=20)
    if not changes:
        raise Failure(f"no change to {topic} is kept")
    for c in changes:
        typer.echo(f"{china_time(c.at)}  {c.kind:9}  {c.actor_name}  {c.path}  {c.summary}")


def kb_undo(ctx: typer.Context, topic: str) -> None:
    """Restore a topic's file as it was before its last change, and index it (itself undoable)."""
    from bot.app import build_tracker
    from bot.core.kb import undo
    from bot.core.render import china_time
    from bot.retrieval.build import KnowledgeDesk
    from bot.retrieval.embedder import load_embedder

    settings = settings_of(ctx)
    tracker = build_tracker(settings)
    if not tracker.knowledge_changes(actor_id=None, topic=topic, limit=1):  # said before the model loads
        raise Failure(f"no change to {topic} is kept")
    desk = KnowledgeDesk(settings.knowledge_dir, settings.index_dir, load_embedder(settings.embedding_model))
    last = undo(desk, tracker, actor_id=None, topic=topic)
    if last is None:
        raise Failure(f"no change to {topic} is kept")
    typer.echo(f"{topic}: back as it was before the {last.kind} of {china_time(last.at)} by {last.actor_name}")
