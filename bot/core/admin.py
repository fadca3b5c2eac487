"""What admins do: give and take roles, and keep the knowledge base up to date."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.messages import Document, Reply
from bot.core.texts import Html
from bot.core.turn import Turn, parse_user_id
from bot.retrieval.build import BuildFailed
from bot.tracker.values import Role

# A broken file can have many errors; the first ones are enough to fix it, and the message stays short.
ERRORS_SHOWN = 15


def grant(turn: Turn, args: str) -> list[Reply]:
    """`/grant USER_ID ROLE`, also for someone who has never written to the bot."""
    words = args.split()
    role = _role_named(words[1]) if len(words) == 2 else None
    user_id = parse_user_id(words[0]) if words else None
    if user_id is None or role is None:
        return turn.say("usage_grant")
    turn.services.tracker.grant_role(actor_id=turn.user_id, user_id=user_id, role=role)
    return turn.say("granted", user=user_id, role=turn.t(f"role_{role.value}"))


def revoke(turn: Turn, args: str) -> list[Reply]:
    words = args.split()
    user_id = parse_user_id(words[0]) if len(words) == 1 else None
    if user_id is None:
        return turn.say("usage_revoke")
    turn.services.tracker.revoke_role(actor_id=turn.user_id, user_id=user_id)
    return turn.say("revoked", user=user_id)


def _role_named(word: str) -> Role | None:
    try:
        return Role(word.lower())
    except ValueError:
        return None


def upload(turn: Turn, document: Document) -> list[Reply]:
    """A markdown file into the knowledge base: all of it indexed, or nothing changed and the reasons."""
    if not document.file_name.lower().endswith(".md"):
        return turn.say("upload_only_md")
    if document.data is None:
        return turn.say("upload_too_large")
    try:
        report = turn.services.knowledge.upload(document.file_name, document.data)
    except BuildFailed as exc:
        return turn.say("upload_build_failed", file=document.file_name, reason=str(exc))
    if report.ok:
        return turn.say("upload_ok", file=document.file_name, sections=report.sections)
    return turn.say("upload_rejected", file=document.file_name, errors=_error_list(report.errors))


def reindex(turn: Turn, args: str) -> list[Reply]:
    """Rebuild the index from the knowledge files and report the build's figures."""
    try:
        report = turn.services.knowledge.rebuild()
    except BuildFailed as exc:
        return turn.say("reindex_failed", reason=str(exc))
    summary = turn.t(
        "reindexed",
        sections=report.sections,
        embedded=report.embedded,
        reused=report.reused,
        took=f"{report.took_s:.1f}",
    )
    if report.errors:
        summary = Html(summary + "\n\n" + turn.t("reindex_errors", errors=_error_list(report.errors)))
    return [Reply(summary)]


def _error_list(errors: Sequence[str]) -> str:
    shown = [f"• {error}" for error in errors[:ERRORS_SHOWN]]
    if len(errors) > ERRORS_SHOWN:
        shown.append(f"… (+{len(errors) - ERRORS_SHOWN})")
    return "\n".join(shown)
