"""Every change to the knowledge base kept and undoable: /kb, /kb history, /kb undo, and uploads that are
previewed before they are published (Publish / Cancel). The command line's `iprdesk kb` uses the same."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from bot.core import buttons, drafts
from bot.core.messages import Document, Reply
from bot.core.ports import KnowledgePort, TrackerPort
from bot.core.rejections import refusal_reason, rejection_list
from bot.core.render import china_time
from bot.core.texts import Html, shorten
from bot.core.turn import Turn
from bot.retrieval.editing import Diff, EditRefused
from bot.retrieval.editing import diff as file_diff
from bot.retrieval.knowledge import parse_file
from bot.retrieval.reports import BuildFailed, FileChange
from bot.retrieval.uploads import is_markdown
from bot.tracker.errors import Conflict
from bot.tracker.knowledge_views import ChangeView

HISTORY_SHOWN = 10
TOPICS_SHOWN = 80  # one line each: a message stays under Telegram's 4096 characters
HEADINGS_SHOWN = 12  # per kind (added, changed, removed) in a preview


def topic_of(data: bytes | None, path: str) -> str:
    """The front-matter id of a file's bytes, else its name (a file that does not parse has no id)."""
    parsed = parse_file(path, data) if data else None
    return parsed.file_id if parsed and parsed.file_id else path.rsplit("/", 1)[-1].removesuffix(".md")


def decoded(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8-sig")


def keep(
    tracker: TrackerPort, change: FileChange, *, actor_id: int | None, kind: str, summary: str, topic: str = ""
) -> ChangeView:
    """The file as it was before `change`, kept with who made it, when, and what it was."""
    topic = topic or topic_of(change.current or change.previous, change.path)
    return tracker.record_knowledge_change(
        actor_id=actor_id, topic=topic, path=change.path, previous=decoded(change.previous), kind=kind,
        summary=summary,
    )


def keeper(
    tracker: TrackerPort, *, actor_id: int | None, kind: str, summary: str, topic: str = ""
) -> Callable[[FileChange], object]:
    """`keep` as the record KnowledgePort.change_file makes while it holds the build lock, so that two replicas'
    changes to one topic are kept in the order they were made, and a change is never written without its record."""
    return lambda change: keep(tracker, change, actor_id=actor_id, kind=kind, summary=summary, topic=topic)


def undo(knowledge: KnowledgePort, tracker: TrackerPort, *, actor_id: int | None, topic: str) -> ChangeView | None:
    """Put `topic`'s file back as it was before its last change (None: no change is kept). The undo is a
    change of its own: undoing it again brings back what it undid."""
    found = tracker.knowledge_changes(actor_id=actor_id, topic=topic, limit=1)
    if not found:
        return None
    last = found[0]
    restored = None if last.previous is None else last.previous.encode("utf-8")
    summary = f"{last.kind} of {china_time(last.at)} undone"
    record = keeper(tracker, actor_id=actor_id, kind="undo", summary=summary, topic=topic)
    knowledge.change_file(last.path, lambda _current: restored, record)
    return last


# -- /kb


def kb(turn: Turn, args: str) -> list[Reply]:
    """`/kb` the topics; `/kb history TOPIC`; `/kb undo TOPIC`; `/kb drafts` the answers waiting."""
    words = args.split()
    if not words:
        return topics(turn)
    if [w.lower() for w in words] == ["drafts"]:
        return drafts.waiting(turn)
    if len(words) == 2 and words[0].lower() in ("history", "undo"):
        return history(turn, words[1]) if words[0].lower() == "history" else undo_topic(turn, words[1])
    return turn.say("kb_usage")


def topics(turn: Turn) -> list[Reply]:
    files = sorted(turn.services.knowledge.knowledge().files, key=lambda f: f.file_id or "")
    lines = [
        turn.t("kb_topic_line", topic=f.file_id, language=f.sections[0].lang, entries=len(f.sections),
               title=shorten(f.sections[0].file_title, 50))
        for f in files[:TOPICS_SHOWN]
        if f.sections
    ]
    header = turn.t("kb_topics_header", count=len(files), entries=sum(len(f.sections) for f in files))
    return [Reply(Html("\n".join([header, *lines, turn.t("kb_topics_hint")])))]


def history(turn: Turn, topic: str) -> list[Reply]:
    changes = turn.services.tracker.knowledge_changes(actor_id=turn.user_id, topic=topic, limit=HISTORY_SHOWN)
    if not changes:
        return turn.say("kb_no_history", topic=topic)
    lines = [
        turn.t("kb_history_line", when=china_time(c.at), who=c.actor_name, kind=turn.t(f"kb_kind_{c.kind}"),
               summary=shorten(c.summary, 200))
        for c in changes
    ]
    return [Reply(Html("\n".join([turn.t("kb_history_header", topic=topic), *lines, turn.t("kb_undo_hint",
                                                                                           topic=topic)])))]


def undo_topic(turn: Turn, topic: str) -> list[Reply]:
    try:
        last = undo(turn.services.knowledge, turn.services.tracker, actor_id=turn.user_id, topic=topic)
    except (EditRefused, BuildFailed) as exc:
        return turn.say("kb_undo_failed", topic=topic, reason=refusal_reason(exc, turn.lang))
    if last is None:
        return turn.say("kb_no_history", topic=topic)
    return turn.say("kb_undone", topic=topic, kind=turn.t(f"kb_kind_{last.kind}"), when=china_time(last.at),
                    who=last.actor_name)


# -- uploads: previewed, then published or cancelled


def preview_upload(turn: Turn, document: Document) -> list[Reply]:
    """A markdown file from an admin, in a private chat: what it would change, and Publish / Cancel."""
    if turn.incoming.chat_type != "private":  # the hint for a knowledge file; other files shared there are not ours
        return turn.say("kb_upload_private") if is_markdown(document.file_name) else []
    if not is_markdown(document.file_name):
        return turn.say("upload_only_md")
    if document.data is None:
        return turn.say("upload_too_large")
    report = turn.services.knowledge.preview(document.file_name, document.data)
    if not report.ok:
        return turn.say("upload_rejected", file=document.file_name, errors=rejection_list(report.errors, turn.lang))
    draft = turn.services.tracker.add_draft(
        author_id=turn.user_id, kind="upload", content=document.data.decode("utf-8-sig"), lang=turn.lang,
        file_name=document.file_name,
    )
    key = "kb_preview_new" if report.previous is None else "kb_preview_update"
    said = turn.t(key, file=document.file_name, path=report.path, topic=report.file_id, sections=report.sections)
    if report.diff is not None:
        said = Html(said + "\n" + diff_html(turn, report.diff))
    rows = ((buttons.kb_draft("kbp", draft.id, turn.lang), buttons.kb_draft("kbc", draft.id, turn.lang)),)
    return [Reply(said, rows)]


def diff_html(turn: Turn, diff: Diff) -> Html:
    if diff.empty:
        return turn.t("kb_diff_none")
    parts = []
    for key, titles in (("kb_diff_added", diff.added), ("kb_diff_changed", diff.changed),
                        ("kb_diff_removed", diff.removed)):
        if titles:
            shown = [f"• {escape(t)}" for t in titles[:HEADINGS_SHOWN]]
            if len(titles) > HEADINGS_SHOWN:
                shown.append(f"… (+{len(titles) - HEADINGS_SHOWN})")
            parts.append("\n".join([turn.t(key, count=len(titles)), *shown]))
    return Html("\n".join(parts))


def publish(turn: Turn, draft_id: int) -> list[Reply]:
    """Publish a previewed upload: once (a second press is told who decided), checked again, kept."""
    tracker = turn.services.tracker
    try:
        draft = tracker.decide_draft(actor_id=turn.user_id, draft_id=draft_id, status="published")
    except Conflict as exc:
        return decided(turn, exc)
    name = draft.file_name or "upload.md"

    def record(change: FileChange) -> ChangeView:  # made while the build lock is held
        current = change.current or b""
        d = file_diff(parse_file(change.path, change.previous) if change.previous else None,
                      parse_file(change.path, current))
        summary = f"{name}: +{len(d.added)} ~{len(d.changed)} -{len(d.removed)}"
        return keep(tracker, change, actor_id=turn.user_id, kind="upload", summary=summary)

    try:
        report = turn.services.knowledge.upload(name, draft.content.encode("utf-8"), record)
    except BuildFailed as exc:
        tracker.reopen_draft(draft_id=draft_id)
        return turn.say("upload_build_failed", file=name, reason=str(exc))
    except Exception:  # the change could not be kept, so nothing was published
        tracker.reopen_draft(draft_id=draft_id)
        raise
    if not report.ok:  # the knowledge base changed since the preview (another upload took the name)
        tracker.reopen_draft(draft_id=draft_id)
        return turn.say("upload_rejected", file=name, errors=rejection_list(report.errors, turn.lang))
    return turn.say("kb_published", file=name, sections=report.sections, topic=report.file_id)


def cancel(turn: Turn, draft_id: int) -> list[Reply]:
    try:
        turn.services.tracker.decide_draft(actor_id=turn.user_id, draft_id=draft_id, status="cancelled")
    except Conflict as exc:
        return decided(turn, exc)
    return turn.say("kb_cancelled")


def decided(turn: Turn, error: Conflict) -> list[Reply]:
    """A press on a draft someone already published, cancelled, approved or rejected."""
    return turn.say("kb_draft_decided", who=error.params.get("who") or "—")

