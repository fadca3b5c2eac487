"""What officers and admins do with the list: look at the queue, take, answer, close, reopen, hand over."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlmodel import col, select

from bot.tracker import lifecycle
from bot.tracker.access import is_staff, load_staff, visible_item
from bot.tracker.errors import Conflict, Invalid
from bot.tracker.items import change_item, record_event, require_status
from bot.tracker.models import Item, Notification, User
from bot.tracker.notices import ItemClosed, ItemReassigned, ItemsReturned, ItemTaken, Notice, OfficerReply
from bot.tracker.outbox import notify_officers, notify_user
from bot.tracker.sla import answered
from bot.tracker.unit import Unit
from bot.tracker.validation import clean_text, parse_enum
from bot.tracker.values import ACTIVE, TEXT_MAX, Category, EventKind, ItemView, NoticeKind, Role, Status
from bot.tracker.views import item_view, item_views

QUEUE_MAX = 200
OLDEST_FIRST = (col(Item.created_at), col(Item.id))
# Every active item has a due time (the first response, then the resolution); items from before due times
# existed have none and come last, oldest first.
DUE_FIRST = (col(Item.next_due_at).is_(None), col(Item.next_due_at), col(Item.created_at), col(Item.id))


def queue(unit: Unit, *, actor_id: int, category: Category | str | None, limit: int) -> list[ItemView]:
    """The active items, the one due soonest first (open or in progress alike: what is due is what counts)."""
    load_staff(unit, actor_id)
    where: list[Any] = [col(Item.status).in_([status.value for status in ACTIVE])]
    if category is not None:
        where.append(col(Item.category) == parse_enum(Category, category, field="category").value)
    limit = max(1, min(limit, QUEUE_MAX))
    return item_views(unit.session, *where, order_by=DUE_FIRST, limit=limit)


def _tell_owner(unit: Unit, item: Item, actor: User, notice: Notice) -> None:
    """Notify the item's owner, unless the owner is the one acting (an officer's own item)."""
    if item.owner_id != actor.id:
        owner = unit.session.get(User, item.owner_id)
        assert owner is not None
        notify_user(unit, owner, notice)


def require_free_or_held(unit: Unit, item: Item, actor: User) -> None:
    """The one rule of take, reply and close: an item another officer holds is theirs. Other officers get a
    Conflict naming the holder (they can /reassign it); an admin may act on it."""
    if item.assignee_id is None or item.assignee_id == actor.id or actor.role == Role.ADMIN.value:
        return
    holder = unit.session.get(User, item.assignee_id)
    raise Conflict(
        f"Item #{item.id} is held by another officer.",
        item_id=item.id,
        holder=holder.name if holder else str(item.assignee_id),
        holder_id=item.assignee_id,
    )


def take(unit: Unit, *, actor_id: int, item_id: int) -> ItemView:
    """The officer takes the item: in progress, assigned to them, its owner hears who took it."""
    officer = load_staff(unit, actor_id)
    item = visible_item(unit, officer, item_id)
    require_status(item, ACTIVE, doing="take")
    if item.assignee_id == actor_id:
        return item_view(unit.session, item_id)
    require_free_or_held(unit, item, officer)
    before = item.status
    change_item(unit, item, assignee_id=actor_id, status=Status.IN_PROGRESS.value)
    record_event(unit, item, actor_id, EventKind.ASSIGNED, from_status=before, to_status=Status.IN_PROGRESS)
    _tell_owner(unit, item, officer, ItemTaken(item_id=item_id, officer=officer.name))
    return item_view(unit.session, item_id)


def reply(unit: Unit, *, actor_id: int, item_id: int, text: str) -> ItemView:
    """An answer to the owner, kept in the history; an item nobody holds becomes the replier's."""
    officer = load_staff(unit, actor_id)
    item = visible_item(unit, officer, item_id)
    body = clean_text(text, field="text", limit=TEXT_MAX)
    require_status(item, ACTIVE, doing="reply to")
    require_free_or_held(unit, item, officer)
    before = item.status
    if item.assignee_id is None:
        change_item(unit, item, assignee_id=actor_id, status=Status.IN_PROGRESS.value, **answered(unit, item))
        record_event(
            unit, item, actor_id, EventKind.ASSIGNED, from_status=before, to_status=Status.IN_PROGRESS
        )
    else:
        change_item(unit, item, **answered(unit, item))
    record_event(unit, item, actor_id, EventKind.OFFICER_REPLY, text=body)
    _tell_owner(unit, item, officer, OfficerReply(item_id=item_id, text=body, officer=officer.name))
    return item_view(unit.session, item_id)


def close(
    unit: Unit, *, actor_id: int, item_id: int, resolution: str, expected_version: int | None
) -> ItemView:
    """Resolved, with the resolution the owner is sent. Closing what is already closed is a Conflict:
    of two officers closing at once, exactly one wins."""
    officer = load_staff(unit, actor_id)
    item = visible_item(unit, officer, item_id)
    answer = clean_text(resolution, field="resolution", limit=TEXT_MAX)
    if expected_version is not None and item.version != expected_version:
        raise Conflict(item_id=item_id)
    lifecycle.require_unfinished(item)
    require_free_or_held(unit, item, officer)
    lifecycle.finish(
        unit,
        item,
        actor_id,
        status=Status.RESOLVED,
        text=answer,
        resolved=True,
        resolution=answer,
        **({} if item.first_response_at else {"first_response_at": unit.now}),  # the resolution answers too
        assignee_id=item.assignee_id or actor_id,  # whoever resolved it holds it if it is reopened
    )
    _tell_owner(unit, item, officer, ItemClosed(item_id=item_id, resolution=answer))
    return item_view(unit.session, item_id)


def reopen(unit: Unit, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
    """Back on the list (in progress when an officer still holds it); the owner hears why, when a reason is
    given, and so does the officer holding it when another officer reopened it."""
    officer = load_staff(unit, actor_id)
    item = visible_item(unit, officer, item_id)
    reopened = lifecycle.reopen(unit, item, actor_id, reason)
    _tell_owner(unit, item, officer, reopened)
    _tell_holder(unit, item, officer, dataclasses.replace(reopened, by=officer.name))
    return item_view(unit.session, item_id)


def _tell_holder(unit: Unit, item: Item, actor: User, notice: Notice) -> None:
    """Notify the officer holding the item, unless it is the one acting or the owner (told already)."""
    if item.assignee_id is None or item.assignee_id in (actor.id, item.owner_id):
        return
    holder = unit.session.get(User, item.assignee_id)
    assert holder is not None
    notify_user(unit, holder, notice)


def held_items(unit: Unit, *, actor_id: int) -> list[ItemView]:
    """The items the officer holds that are still in progress, oldest first."""
    load_staff(unit, actor_id)
    return item_views(
        unit.session,
        col(Item.assignee_id) == actor_id,
        col(Item.status).in_([status.value for status in ACTIVE]),
        order_by=OLDEST_FIRST,
    )


def open_items_of_owner(unit: Unit, *, actor_id: int, owner_id: int) -> list[ItemView]:
    """An enterprise user's items still open or in progress, oldest first (for an officer's one view)."""
    load_staff(unit, actor_id)
    return item_views(
        unit.session,
        col(Item.owner_id) == owner_id,
        col(Item.status).in_([status.value for status in ACTIVE]),
        order_by=OLDEST_FIRST,
        limit=QUEUE_MAX,
    )


def reassign(unit: Unit, *, actor_id: int, item_id: int, officer_id: int) -> ItemView:
    """Hand the item to another officer or admin, who hears of it."""
    officer = load_staff(unit, actor_id)
    item = visible_item(unit, officer, item_id)
    target = unit.session.get(User, officer_id)
    if target is None or not is_staff(target):
        raise Invalid(f"User {officer_id} is not an officer.", field="officer_id", officer_id=officer_id)
    require_status(item, ACTIVE, doing="reassign")
    if item.assignee_id == officer_id:
        return item_view(unit.session, item_id)
    before = item.status
    change_item(unit, item, assignee_id=officer_id, status=Status.IN_PROGRESS.value)
    record_event(
        unit,
        item,
        actor_id,
        EventKind.ASSIGNED,
        text=target.name,
        from_status=before,
        to_status=Status.IN_PROGRESS,
    )
    if officer_id != actor_id:
        notify_user(unit, target, ItemReassigned(item_id=item_id))
    return item_view(unit.session, item_id)


# Notices meant for whoever works an item; an owner's own notices (its item reopened by an officer) stay its.
_OFFICER_NOTICES = (NoticeKind.FOLLOW_UP.value, NoticeKind.ITEM_REOPENED.value, NoticeKind.ITEM_REASSIGNED.value)


def hand_back(unit: Unit, former: User, actor_id: int | None) -> None:
    """`former` is no officer any more: its items in progress go back to the queue (open, nobody's), the
    officers' chat hears which, and its notices about items it no longer works go there instead."""
    held = unit.session.exec(
        select(Item).where(col(Item.assignee_id) == former.id, col(Item.status) == Status.IN_PROGRESS.value)
    ).all()
    for item in held:
        change_item(unit, item, assignee_id=None, status=Status.OPEN.value)
        record_event(
            unit, item, actor_id, EventKind.STATUS_CHANGE, from_status=Status.IN_PROGRESS, to_status=Status.OPEN
        )
    if held:
        returned = ItemsReturned(items=sorted(int(item.id or 0) for item in held), officer=former.name)
        notify_officers(unit, returned)
    _readdress_notices(unit, former)


def _readdress_notices(unit: Unit, former: User) -> None:
    """Pending officer notices to `former` go to the officers' chat (or nowhere when there is none)."""
    pending = unit.session.exec(
        select(Notification).where(
            col(Notification.chat_id) == former.id,
            col(Notification.kind).in_(_OFFICER_NOTICES),
            col(Notification.delivered_at).is_(None),
            col(Notification.failed_at).is_(None),
        )
    ).all()
    for notice in pending:
        item = unit.session.get(Item, int(json.loads(notice.payload).get("item_id", 0)))
        if item is not None and item.owner_id == former.id:
            continue  # about its own item, as the enterprise it still is
        if unit.officer_chat_id is None:
            notice.failed_at, notice.failure_reason = unit.now, "the recipient is no longer an officer"
        else:
            notice.chat_id, notice.lang, notice.channel = unit.officer_chat_id, "en", unit.officer_channel
