"""Changing an item: the optimistic update, its history line and the status rules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import col

from bot.tracker.errors import Conflict, Invalid
from bot.tracker.models import Item, ItemEvent
from bot.tracker.unit import Unit
from bot.tracker.values import EventKind, Status


def change_item(unit: Unit, item: Item, **values: Any) -> None:
    """Apply `values` only if nobody changed the item since this call read it; otherwise Conflict.

    The version check is in the UPDATE itself, so it holds across processes: on PostgreSQL the second of two
    concurrent writers waits for the first to commit, then matches no row."""
    result = unit.session.exec(
        update(Item)
        .where(col(Item.id) == item.id, col(Item.version) == item.version)
        .values(**values, version=item.version + 1, updated_at=unit.now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(item_id=item.id)
    unit.session.expire(item)  # the next read of `item` sees the new row


def record_event(
    unit: Unit,
    item: Item,
    actor_id: int | None,
    event: EventKind,
    *,
    text: str | None = None,
    from_status: Status | str | None = None,
    to_status: Status | str | None = None,
) -> None:
    """Append one line to the item's history (never changed afterwards)."""
    assert item.id is not None
    unit.session.add(
        ItemEvent(
            item_id=item.id,
            at=unit.now,
            actor_id=actor_id,
            event=event.value,
            text=text,
            from_status=None if from_status is None else Status(from_status).value,
            to_status=None if to_status is None else Status(to_status).value,
        )
    )


def require_status(item: Item, allowed: tuple[Status, ...], *, doing: str) -> None:
    """Invalid unless the item is in one of the `allowed` statuses."""
    if item.status not in allowed:
        raise Invalid(
            f"Item #{item.id} is {Status(item.status).value.replace('_', ' ')}; you cannot {doing} it now.",
            field="status",
            status=item.status,
            item_id=item.id,
        )


def closing(unit: Unit, item: Item, *, resolved: bool = False) -> dict[str, Any]:
    """The columns that mark the item finished now; nothing is due any more. A resolution (not a withdrawal)
    counts as on time when it came by the resolution's due time."""
    on_time = unit.now <= item.resolution_due if resolved and item.resolution_due is not None else None
    return {
        "closed_at": unit.now,
        "hours_to_close": (unit.now - item.created_at).total_seconds() / 3600,
        "next_due_at": None,
        "closed_on_time": on_time,
    }


REOPENING: dict[str, Any] = {"closed_at": None, "hours_to_close": None, "resolution": None, "closed_on_time": None}


def reopening(item: Item) -> dict[str, Any]:
    """The columns that put a finished item back on the list, due again as it was (late, most likely)."""
    due = item.first_response_due if item.first_response_at is None else item.resolution_due
    return {**REOPENING, "next_due_at": due}


def status_after_reopen(item: Item) -> Status:
    """Back to open, or to in progress when an officer still holds it."""
    return Status.IN_PROGRESS if item.assignee_id is not None else Status.OPEN
