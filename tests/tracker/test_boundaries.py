"""The tracker's borders: what the core imports from it is plain Python, it imports nothing above it, and its
public surface is the one the chat core is written against (tests/test_architecture.py checks that no other
package imports the database libraries)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from bot.tracker import models
from bot.tracker.service import Tracker

BOT = Path(__file__).resolve().parents[2] / "bot"
TRACKER = BOT / "tracker"
DATABASE_LIBRARIES = {"sqlmodel", "sqlalchemy", "alembic", "psycopg", "psycopg2"}
ABOVE_THE_TRACKER = {
    "bot.core",
    "bot.channels",
    "bot.retrieval",
    "bot.config",
    "bot.app",
    "bot.cli",
    "telegram",
}
AGREED_METHODS = {
    "ensure_user",
    "get_user",
    "set_language",
    "grant_role",
    "revoke_role",
    "bootstrap_admins",
    "set_enterprise",
    "raise_item",
    "set_category",
    "follow_up",
    "my_items",
    "item_detail",
    "close_own",
    "reopen_own",
    "open_items_of",
    "latest_open_item",
    "queue",
    "take",
    "reply",
    "close",
    "reopen",
    "reassign",
    "stats",
    "export_csv",
    "claim_notifications",
    "mark_delivered",
    "mark_retry",
    "mark_undeliverable",
    "pending_count",
    "items_by_status",  # /healthz and /metrics (bot/channels/telegram/webhook.py)
    "schema_revisions",
    "undeliverable_count",
    "get_chat_state",
    "set_chat_state",
    "receive_updates",  # the inbox of Telegram updates (bot/channels/telegram/inbox.py)
    "claim_stale_updates",
    "mark_update_done",
    "prune_inbox",
    "inbox_pending_count",
    "record_feedback",  # 👍/👎 on answers, and the entries to improve in /stats
    "least_helpful",
    "daily_digest",  # the officers' digest, a periodic job (bot/tracker/jobs.py)
    "keep_file",  # casework (bot/tracker/casework.py): photos and documents on items, merges, scores
    "attach_file",
    "attachments",
    "attachment",
    "merge",
    "rate",
    "open_texts",
    "add_recordation",  # recordations and their guides (bot/tracker/recordations.py)
    "recordations",
    "remove_recordation",
    "set_guide",
    "recordation_guide",
    "recordation_numbered",
    "send_reminders",
    "weekly_active",  # the chart of /stats and `iprdesk stats --png` (bot/core/chart.py)
    "stats_for_cli",  # due times (bot/tracker/sla.py) and recordations' renewal (bot/tracker/recordations.py)
    "held_items",  # an officer's /mine
    "open_items_of_owner",  # the officer's one view of an item: the enterprise's other open items
    "users_with_role",  # an admin's /users
    # the knowledge loop (bot/core/kb.py, gaps.py, drafts.py): gaps, drafts, kept versions of files
    "add_draft",
    "all_gaps",
    "decide_draft",
    "defer_updates",
    "dismissed_questions",
    "draft",
    "edit_draft",
    "gap",
    "knowledge_changes",
    "listed_gaps",
    "note_gap",
    "pending_drafts",
    "propose_answer",
    "record_knowledge_change",
    "reopen_draft",
    "settle_gaps",
    # users of several channels (bot/tracker/identity_service.py)
    "channel_member",
    "external_id",
    "use_channel",
    "new_link_code",
    "link_channels",
    "numbered_choices",  # numbered choices shown in WeCom, kept for any replica (bot/channels/wecom/channel.py)
    "keep_numbered_choices",
    "receive_message",  # the inbox of WeCom's callbacks (bot/channels/wecom/channel.py; bot/tracker/inbox.py)
    "claim_stale_messages",
    "defer_messages",  # callbacks beyond the channel's bound, left for recovery
    "mark_message_done",
}


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def imports_any(path: Path, roots: set[str]) -> set[str]:
    return {m for m in imported_modules(path) if any(m == root or m.startswith(root + ".") for root in roots)}


def test_values_and_errors_are_plain_python_the_core_can_import() -> None:
    for name in ("values.py", "errors.py"):
        assert imports_any(TRACKER / name, DATABASE_LIBRARIES) == set(), name


def test_the_tracker_imports_nothing_above_it() -> None:
    offenders = {
        str(path.relative_to(BOT)): imports_any(path, ABOVE_THE_TRACKER)
        for path in TRACKER.rglob("*.py")
        if imports_any(path, ABOVE_THE_TRACKER)
    }
    assert offenders == {}


def test_the_tracker_offers_exactly_the_agreed_methods() -> None:
    public = {name for name, _ in inspect.getmembers(Tracker, inspect.isfunction) if not name.startswith("_")}
    assert public == AGREED_METHODS


def test_no_tracker_method_hands_out_orm_objects() -> None:
    tables = {
        name
        for name, value in vars(models).items()
        if isinstance(value, type) and hasattr(value, "__table__")
    }
    for name in AGREED_METHODS:
        returned = str(inspect.signature(getattr(Tracker, name)).return_annotation)
        assert not any(table in returned.replace("[", " ").replace("]", " ").split() for table in tables), (
            name
        )


def test_every_tracker_argument_but_the_csv_stream_and_admin_ids_is_keyword_only() -> None:
    for name in AGREED_METHODS:
        parameters = list(inspect.signature(getattr(Tracker, name)).parameters.values())[1:]
        positional = [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        assert positional == {"export_csv": ["out"], "bootstrap_admins": ["ids"]}.get(name, []), name
