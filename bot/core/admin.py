"""What admins do: give and take roles, and keep the knowledge base up to date."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.rejections import rejection_list
from bot.core.texts import Html
from bot.core.turn import Turn, parse_user_id
from bot.retrieval.reports import BuildFailed
from bot.tracker.values import Role

# Role names as admins type them, in either language (the values themselves are accepted too).
ROLE_NAMES: dict[str, Role] = {
    "企业": Role.ENTERPRISE, "企业用户": Role.ENTERPRISE, "关员": Role.OFFICER, "管理员": Role.ADMIN,
}
USERS_SHOWN = 100


def grant(turn: Turn, args: str) -> list[Reply]:
    """`/grant USER_ID ROLE`, also for someone who has never written to the bot (and says so)."""
    words = args.split()
    role = _role_named(words[1]) if len(words) == 2 else None
    user_id = parse_user_id(words[0]) if words else None
    if user_id is None or role is None:
        return turn.say("usage_grant")
    if user_id == turn.user_id:  # an admin granting themselves "officer" would demote themselves by a slip
        return turn.say("grant_self")
    tracker = turn.services.tracker
    known = tracker.get_user(user_id=user_id)
    role_name = turn.t(f"role_{role.value}")
    if known is not None and known.role == role:
        return turn.say("already_role", user=user_id, role=role_name)
    tracker.grant_role(actor_id=turn.user_id, user_id=user_id, role=role)
    if known is None:
        return turn.say("granted_stranger", user=user_id, role=role_name)
    return turn.say("granted", user=user_id, role=role_name)


def revoke(turn: Turn, args: str) -> list[Reply]:
    """`/revoke USER_ID`: back to enterprise; a user who holds no role is told so, and nothing is written."""
    words = args.split()
    user_id = parse_user_id(words[0]) if len(words) == 1 else None
    if user_id is None:
        return turn.say("usage_revoke")
    known = turn.services.tracker.get_user(user_id=user_id)
    if known is None or known.role == Role.ENTERPRISE:
        return turn.say("revoke_no_role", user=user_id)
    turn.services.tracker.revoke_role(actor_id=turn.user_id, user_id=user_id)
    return turn.say("revoked", user=user_id)


def users(turn: Turn, args: str) -> list[Reply]:
    """`/users [ROLE]`: who holds which role (every officer and admin without a ROLE)."""
    role = _role_named(args) if args.strip() else None
    if args.strip() and role is None:
        return turn.say("usage_users")
    found = turn.services.tracker.users_with_role(actor_id=turn.user_id, role=role, limit=USERS_SHOWN)
    if not found:
        return turn.say("users_none")
    sections = []
    for each in (role,) if role else (Role.ADMIN, Role.OFFICER):
        holders = [u for u in found if u.role == each]
        if holders:
            lines = [turn.t("users_line", user=u.id, name=u.name) for u in holders]
            header = turn.t("users_header", role=turn.t(f"role_plural_{each.value}"), count=len(holders))
            sections.append("\n".join([header, *lines]))
    return [Reply(Html("\n\n".join(sections)))]


def _role_named(word: str) -> Role | None:
    name = word.strip()
    if name in ROLE_NAMES:
        return ROLE_NAMES[name]
    try:
        return Role(name.lower())
    except ValueError:
        return None


def reindex(turn: Turn, args: str) -> list[Reply]:
    """Rebuild the index from the knowledge files and report the build's figures."""
    try:
        report = turn.services.knowledge.rebuild()
    except BuildFailed as exc:
        return turn.say("reindex_failed", reason=str(exc))
    if report.unchanged:  # nothing to embed, no new build folder: the index in service stays
        return turn.say("reindex_unchanged", sections=report.sections)
    summary = turn.t(
        "reindexed",
        sections=report.sections,
        embedded=report.embedded,
        reused=report.reused,
        took=f"{report.took_s:.1f}",
    )
    if report.errors:
        summary = Html(summary + "\n\n" + turn.t("reindex_errors", errors=rejection_list(report.errors, turn.lang)))
    return [Reply(summary)]

