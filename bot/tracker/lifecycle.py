"""Closing and reopening an item: the one rule the owner (enterprise.py) and the officers (officer.py) follow.

Who may is the caller's to check: the owner its own items (access.owned_item); an officer any item it may see,
and to close one, only when nobody else holds it (officer.require_free_or_held). The rest is here: a finished
item is not closed again (of two closing at once, exactly one wins), only a finished item is reopened, and a
reason is optional, cleaned like every text and kept in the item's history, where whoever reads it next sees why.
"""

from __future__ import annotations

from typing import Any

from bot.tracker.errors import Conflict
from bot.tracker.items import change_item, closing, record_event, reopening, require_status, status_after_reopen
from bot.tracker.models import Item, User
from bot.tracker.notices import ItemReopened
from bot.tracker.unit import Unit
from bot.tracker.validation import optional_text
from bot.tracker.values import FINISHED, STAFF, EventKind, Status


def reason_text(reason: str | None) -> str | None:
    """A reason to close or reopen: None when left out or blank."""
    return optional_text(reason, field="reason")


def require_unfinished(item: Item) -> None:
    """Conflict when the item is closed or resolved already."""
    if item.status in FINISHED:
        raise Conflict(f"Item #{item.id} is already closed.", item_id=item.id)


def finish(
    unit: Unit, item: Item, actor_id: int, *, status: Status, text: str | None, resolved: bool = False,
    **columns: Any,
) -> None:
    """The item closed (withdrawn by its owner) or resolved now, with `columns` besides; its history line
    carries `text` (the owner's reason, or the resolution)."""
    before = item.status
    change_item(unit, item, status=status.value, **closing(unit, item, resolved=resolved), **columns)
    record_event(unit, item, actor_id, EventKind.STATUS_CHANGE, text=text, from_status=before, to_status=status)


def _still_staff(unit: Unit, user_id: int) -> bool:
    user = unit.session.get(User, user_id)
    return user is not None and user.role in STAFF


def reopen(unit: Unit, item: Item, actor_id: int, reason: str | None) -> ItemReopened:
    """A finished item back on the list (in progress when an officer still holds it), due again as it was; the
    notice for whoever should hear of it (the owner tells the officers, an officer tells the owner)."""
    item_id = item.id
    assert item_id is not None
    why = reason_text(reason)
    require_status(item, FINISHED, doing="reopen")
    before = item.status
    if item.assignee_id is not None and not _still_staff(unit, item.assignee_id):
        # Its officer lost the role after finishing it: the item goes back to the queue, not to them.
        change_item(unit, item, assignee_id=None)
    after = status_after_reopen(item)
    change_item(unit, item, status=after.value, **reopening(item))
    record_event(unit, item, actor_id, EventKind.STATUS_CHANGE, text=why, from_status=before, to_status=after)
    return ItemReopened(item_id=item_id, reason=why or None)
