"""The command line: the only code that reads argv and sets exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback as tracebacks
from dataclasses import asdict, dataclass
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer

from bot.config import Settings


class Exit(IntEnum):
    OK = 0
    ERROR = 1  # the command could not do its work; the line printed says why
    USAGE = 2  # the command line itself is wrong (typer's own code for this)
    NOT_CONFIGURED = 3  # a setting is missing (e.g. no Telegram token)


class Failure(Exception):
    """An expected failure: printed as one plain line, no traceback."""

    def __init__(self, message: str, code: Exit = Exit.ERROR) -> None:
        super().__init__(message)
        self.code = code


cli = typer.Typer(add_completion=False, no_args_is_help=True, help="iprdesk: the customs IPR help desk.")
index_cli = typer.Typer(no_args_is_help=True, help="Build and inspect the search index.")
items_cli = typer.Typer(no_args_is_help=True, help="The problem list.")
users_cli = typer.Typer(no_args_is_help=True, help="Users and roles.")
kb_cli = typer.Typer(no_args_is_help=True, help="The knowledge loop: gaps, history, undo.")
cli.add_typer(index_cli, name="index")
cli.add_typer(items_cli, name="items")
cli.add_typer(users_cli, name="users")
cli.add_typer(kb_cli, name="kb")

@dataclass
class Invocation:
    """One run of the command line: its flags, and the settings, built once when a command first needs them.
    main() makes it and typer hands it to every command as `ctx.obj`; nothing of it outlives the run."""

    traceback: bool = False
    built: Settings | None = None

    def settings(self) -> Settings:
        if self.built is None:
            self.built = Settings()
        return self.built

    def secrets(self) -> list[str]:
        """The secrets of the settings in use, or of the environment when the settings could not be built."""
        if self.built is not None:
            return self.built.secrets()
        from bot.config import database_password

        names = ("TELEGRAM_BOT_TOKEN", "IPRDESK_TELEGRAM_BOT_TOKEN", "IPRDESK_WEBHOOK_SECRET")
        found = [os.environ.get(name) for name in names]
        found.append(database_password(os.environ.get("IPRDESK_DATABASE_URL", "")))
        return [secret for secret in found if secret]


@cli.callback()
def _options(
    ctx: typer.Context,
    traceback: Annotated[bool, typer.Option("--traceback", help="Show the full traceback on errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    invocation = ctx.ensure_object(Invocation)
    invocation.traceback = traceback
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # a library's log line may quote the token (PTB's errors do)
        handler.setFormatter(_RedactingFormatter(handler.formatter, invocation))


class _RedactingFormatter(logging.Formatter):
    """The handler's own format, then every secret in the line (tracebacks included) replaced."""

    def __init__(self, inner: logging.Formatter | None, run: Invocation) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.run = run

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self.run)


def redact(line: str, run: Invocation) -> str:
    """`line` with the bot token (and its secret half), the webhook secret and the database password hidden."""
    for secret in sorted(run.secrets(), key=len, reverse=True):
        line = line.replace(secret, "<secret>")
        _, _, half = secret.partition(":")  # a token is "<bot id>:<secret>"; the id alone is public
        if len(half) >= 8:
            line = line.replace(half, "<secret>")
    return line


def _settings(ctx: typer.Context) -> Settings:
    return ctx.ensure_object(Invocation).settings()


@index_cli.command("build")
def index_build(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Only when there is no usable index.")] = False,
) -> None:
    """Build the index from the knowledge base, re-embedding only changed sections."""
    from bot.retrieval.build import KnowledgeDesk
    from bot.retrieval.embedder import load_embedder

    settings = _settings(ctx)
    desk = KnowledgeDesk(settings.knowledge_dir, settings.index_dir, load_embedder(settings.embedding_model))
    if if_missing and desk.has_index():
        typer.echo(f"index present in {settings.index_dir}")
        return
    if quiet:
        report = desk.rebuild()
    else:
        with typer.progressbar(length=1, label="embedding", file=sys.stderr) as bar:
            report = desk.rebuild(progress=lambda done, total: _advance(bar, done, total))
    for error in report.errors:
        typer.echo(f"left out: {error}", err=True)
    typer.echo(
        f"index {report.build}: {report.sections} sections from {report.files} files "
        f"({report.embedded} embedded, {report.reused} reused) in {report.took_s:.2f} s"
    )


def _advance(bar: object, done: int, total: int) -> None:
    bar.length = total  # type: ignore[attr-defined]
    bar.update(done - bar.pos)  # type: ignore[attr-defined]


@index_cli.command("status")
def index_status(ctx: typer.Context) -> None:
    """Show the index in service: model, size, build time, and whether knowledge/ changed since."""
    from bot.retrieval.knowledge import knowledge_paths
    from bot.retrieval.store import IndexUnavailable, load_build

    settings = _settings(ctx)
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


@cli.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, or '-' to read one question per line from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per question.")] = False,
) -> None:
    """Answer a question from the knowledge base."""
    from bot.app import build_calculator, build_retrieval
    from bot.core.desk import answer_question

    settings = _settings(ctx)
    retriever, _ = build_retrieval(settings)
    calculator = build_calculator(settings)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for q in questions:
        if not q:
            continue
        desk = answer_question(q, retriever, calculator)
        if as_json:
            typer.echo(json.dumps(desk.as_json(), ensure_ascii=False))
            continue
        typer.echo(_for_people(desk))


def _for_people(desk: object) -> str:
    from bot.core.computed import plain
    from bot.core.desk import DeskAnswer

    assert isinstance(desk, DeskAnswer)
    answer = desk.retrieved
    if desk.computed is not None or desk.clarify is not None or desk.withheld:
        lines = [plain(desk.html)]
        if answer.sources:
            lines.append("Related: " + " | ".join(s.title for s in answer.sources[:3]))
        return "\n".join(lines)
    if not answer.answered:
        lines = [f"Not sure (confidence {answer.confidence:.2f}). Nearest topics:"]
        lines += [f"  - {s.title} [{s.id}]" for s in answer.related]
        return "\n".join(lines)
    lines = [answer.title, "", answer.text, ""]
    if answer.legal_basis:
        lines.append(f"Legal basis: {answer.legal_basis}")
    if answer.source:
        lines.append(f"Source: {answer.source}")
    for also in answer.also:  # a two-part question: the entry for the part the first does not answer
        lines += ["", also.title, "", also.text, ""]
        if also.legal_basis:
            lines.append(f"Legal basis: {also.legal_basis}")
    lines.append(f"[{answer.entry_id} · confidence {answer.confidence:.2f} · {answer.took_ms:.0f} ms]")
    if answer.related:
        lines.append("Related: " + " | ".join(s.label or s.title for s in answer.related))
    return "\n".join(lines)


@cli.command("eval")
def evaluate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSONL question set.")],
    split: Annotated[str, typer.Option(help="tune, holdout or all.")] = "all",
    calibrate: Annotated[bool, typer.Option(help="Also print the best thresholds and fitted confidence.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="Also list the hybrid line's wrong answers and "
                                         "declined in-scope questions (for tuning: never on the holdout).")] = False,
) -> None:
    """Score a question set with hybrid (as the desk answers), dense-only and BM25-only side by side."""
    from bot.app import build_calculator, build_retrieval
    from bot.core.desk import answer_question
    from bot.retrieval import evaluation

    if split not in ("tune", "holdout", "all"):
        raise Failure(f"--split is '{split}': use tune, holdout or all", Exit.USAGE)
    if not file.is_file():
        raise Failure(f"no question set at {file}")
    if _is_computed_set(file):  # lines with `expect`: scored on their figures (bot/core/computed_scores.py)
        _evaluate_computed(ctx, file, split, as_json)
        return
    try:
        questions = evaluation.load_questions(file)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    if split != "all":
        questions = [q for q in questions if q.split == split]
    if not questions:
        raise Failure(f"no questions in {file} for split '{split}'")
    settings = _settings(ctx)
    retriever, _ = build_retrieval(settings)
    calculator = build_calculator(settings)

    def desk(question: str) -> tuple[bool, str]:
        answered = answer_question(question, retriever, calculator)
        return answered.answered, answered.plain_text

    results = evaluation.evaluate(retriever, questions, desk)
    if as_json:
        typer.echo(json.dumps({m: asdict(s) for m, (s, _) in results.items()}))
        return
    typer.echo(evaluation.format_table({m: s for m, (s, _) in results.items()}))
    if misses:
        for o in results["hybrid"][1]:
            if o.wrong or (o.question.in_scope and not o.answered):
                kind = "WRONG" if o.wrong else "declined"
                typer.echo(f"{kind:8} {o.confidence:.2f} {o.question.lang} {o.question.question} -> "
                           f"{o.ranked[:2]} facts={o.question.facts}")
    if calibrate:
        for method, (_, outcomes) in results.items():
            t, answered, declined = evaluation.best_threshold(outcomes)
            typer.echo(
                f"best threshold {method:8} {t:.2f}: answers {answered:.3f} in scope, declines {declined:.3f} out"
            )
        if any(q.facts for q in questions):
            typer.echo("hybrid engine sweep: threshold, with the fact, answered wrongly (all), out declined")
            for t, right, wrong, declined in evaluation.fact_sweep(results["hybrid"][1]):
                typer.echo(f"  {t:.2f} {right:.3f} {wrong:.3f} {declined:.3f}")
            t, right, wrong, declined = max(evaluation.fact_sweep(results["hybrid"][1], steps=100),
                                            key=lambda row: row[1] - 2 * row[2])
            typer.echo(f"most with-the-fact minus twice wrong at {t:.2f}: {right:.3f} / {wrong:.3f} / {declined:.3f}")
        for lang, coefficients in evaluation.fit_confidence(retriever, questions).items():
            typer.echo(f"fitted confidence_{lang} = {tuple(coefficients)}")


def _is_computed_set(file: Path) -> bool:
    from bot.core.computed_scores import is_computed_set

    try:
        return is_computed_set(file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Failure(f"{file}: not a JSONL question set ({exc})") from exc


def _evaluate_computed(ctx: typer.Context, file: Path, split: str, as_json: bool) -> None:
    """The calculator's figures on a computed-question set: exact, asked for the figure, and every wrong one."""
    from bot.app import build_calculator, build_retrieval
    from bot.core import computed_scores

    try:
        questions = [q for q in computed_scores.load_computed(file) if split in ("all", q.split)]
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    if not questions:
        raise Failure(f"no questions in {file} for split '{split}'")
    settings = _settings(ctx)
    retriever, _ = build_retrieval(settings)
    scores = computed_scores.score(retriever, questions, build_calculator(settings).calendar)
    typer.echo(json.dumps(scores.as_json()) if as_json else computed_scores.format_scores(scores))


@cli.command()
def run(
    ctx: typer.Context,
    webhook_url: Annotated[
        str | None,
        typer.Option(
            "--webhook-url",
            help="Serve a webhook at this public URL instead of long polling (needs IPRDESK_WEBHOOK_SECRET).",
        ),
    ] = None,
) -> None:
    """Run the bot on Telegram (long polling, or a webhook); needs TELEGRAM_BOT_TOKEN."""
    settings = _settings(ctx)
    if settings.telegram_bot_token is None:
        raise Failure("no Telegram token: set TELEGRAM_BOT_TOKEN (or run 'iprdesk shell')", Exit.NOT_CONFIGURED)
    from bot.app import build, serve_telegram

    if webhook_url is not None:
        from bot.channels.telegram.webhook import WebhookConfigError, check_webhook

        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        try:
            check_webhook(webhook_url, secret)  # before the model loads: a missing secret is told at once
        except WebhookConfigError as exc:
            raise Failure(str(exc), Exit.NOT_CONFIGURED) from exc
    raise typer.Exit(serve_telegram(build(settings), webhook_url))


@cli.command()
def shell(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--as", help="enterprise, officer or admin.")] = "enterprise",
    user: Annotated[int, typer.Option("--user", help="The user id to act as.")] = 1,
) -> None:
    """The same conversation in the terminal."""
    if role not in ("enterprise", "officer", "admin"):
        raise Failure(f"unknown role '{role}': use enterprise, officer or admin", Exit.USAGE)
    from bot.app import build, serve_terminal

    raise typer.Exit(serve_terminal(build(_settings(ctx)), role=role, user_id=user))


@cli.command()
def start(ctx: typer.Context) -> None:
    """What `make run` starts: the Telegram bot when a token is set, otherwise the terminal chat."""
    if _settings(ctx).telegram_bot_token is None:
        typer.echo("No TELEGRAM_BOT_TOKEN set: starting the terminal chat instead.", err=True)
        shell(ctx, role="enterprise", user=1)
    else:
        run(ctx)


@items_cli.command("export")
def items_export(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default stdout.")] = None,
) -> None:
    """Export every item as CSV for reporting."""
    from bot.app import build_tracker

    tracker = build_tracker(_settings(ctx))
    if out is None:
        count = tracker.export_csv(sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            count = tracker.export_csv(handle)
    typer.echo(f"{count} items exported", err=True)


@cli.command("stats")
def stats_command(
    ctx: typer.Context,
    png: Annotated[Path | None, typer.Option("--png", help="Also write the chart of /stats to this PNG file.")] = None,
) -> None:
    """The list's figures as officers see them in /stats; with --png, its chart too."""
    from bot.app import build_tracker
    from bot.core.chart import chart_png
    from bot.core.computed import plain
    from bot.core.render import stats_html

    tracker = build_tracker(_settings(ctx))
    figures = tracker.stats_for_cli()
    typer.echo(plain(stats_html(figures, "en")))
    if png is not None:
        png.write_bytes(chart_png(tracker.weekly_active(actor_id=None, weeks=12), figures))
        typer.echo(f"chart written to {png}", err=True)


@users_cli.command("grant")
def users_grant(ctx: typer.Context, user_id: int, role: str) -> None:
    """Give a user a role (enterprise, officer, admin), also before they first write to the bot."""
    from bot.app import build_tracker

    user = build_tracker(_settings(ctx)).grant_role(actor_id=None, user_id=user_id, role=role)
    typer.echo(f"user {user.id} is now {user.role}")


@users_cli.command("revoke")
def users_revoke(ctx: typer.Context, user_id: int) -> None:
    """Take a user's role away (back to enterprise)."""
    from bot.app import build_tracker

    user = build_tracker(_settings(ctx)).revoke_role(actor_id=None, user_id=user_id)
    typer.echo(f"user {user.id} is now {user.role}")


@kb_cli.command("gaps")
def kb_gaps(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="CSV file to write; default stdout.")] = None,
) -> None:
    """Every knowledge gap (declined, 👎, closed escalations) as CSV, similar questions in numbered groups."""
    from bot.app import build_retrieval, build_tracker
    from bot.core.gap_export import write_gaps

    settings = _settings(ctx)
    tracker = build_tracker(settings)
    retriever, _ = build_retrieval(settings)
    if out is None:
        count = write_gaps(sys.stdout, tracker.all_gaps(), retriever)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            count = write_gaps(handle, tracker.all_gaps(), retriever)
    typer.echo(f"{count} gaps exported", err=True)


@kb_cli.command("history")
def kb_history(ctx: typer.Context, topic: str) -> None:
    """The last changes to a knowledge topic (its front-matter id), newest first."""
    from bot.app import build_tracker
    from bot.core.render import china_time

    changes = build_tracker(_settings(ctx)).knowledge_changes(actor_id=None, topic=topic, limit=20)
    if not changes:
        raise Failure(f"no change to {topic} is kept")
    for c in changes:
        typer.echo(f"{china_time(c.at)}  {c.kind:9}  {c.actor_name}  {c.path}  {c.summary}")


@kb_cli.command("undo")
def kb_undo(ctx: typer.Context, topic: str) -> None:
    """Restore a topic's file as it was before its last change, and index it (itself undoable)."""
    from bot.app import build_tracker
    from bot.core.kb import undo
    from bot.core.render import china_time
    from bot.retrieval.build import KnowledgeDesk
    from bot.retrieval.embedder import load_embedder

    settings = _settings(ctx)
    tracker = build_tracker(settings)
    if not tracker.knowledge_changes(actor_id=None, topic=topic, limit=1):  # said before the model loads
        raise Failure(f"no change to {topic} is kept")
    desk = KnowledgeDesk(settings.knowledge_dir, settings.index_dir, load_embedder(settings.embedding_model))
    last = undo(desk, tracker, actor_id=None, topic=topic)
    if last is None:
        raise Failure(f"no change to {topic} is kept")
    typer.echo(f"{topic}: back as it was before the {last.kind} of {china_time(last.at)} by {last.actor_name}")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; expected failures print one line and exit non-zero."""
    invocation = Invocation()
    try:
        cli(args=argv, standalone_mode=False, obj=invocation)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the edge where every error becomes one line
        code = exc.code if isinstance(exc, Failure) else Exit.ERROR
        if invocation.traceback:
            typer.echo(redact("".join(tracebacks.format_exception(exc)), invocation), err=True)
            sys.exit(int(code))
        message = str(exc) or exc.__class__.__name__
        if exc.__class__.__name__ == "UsageError" or hasattr(exc, "format_message"):
            message = exc.format_message()  # type: ignore[attr-defined]
            code = Exit.USAGE
        # A library's message may quote a secret: PTB's "The token `…` was rejected by the server".
        typer.echo(f"iprdesk: {redact(message, invocation)}", err=True)
        sys.exit(int(code))
