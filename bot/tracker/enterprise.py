"""What an enterprise does with its own items: raise, follow up, close, reopen, look."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from bot.tracker import lifecycle
from bot.tracker.access import load_actor, owned_item, visible_item
from bot.tracker.items import change_item, record_event, require_status
from bot.tracker.models import Item, User
from bot.tracker.notices import FollowUp, ItemCreated, Notice
from bot.tracker.outbox import notify_officers, notify_user
from bot.tracker.sla import ServiceLevels
from bot.tracker.unit import Unit
from bot.tracker.validation import clean_text, parse_enum
from bot.tracker.values import (
    ACTIVE,
    TEXT_MAX,
    TITLE_MAX,
    Category,
    EventKind,
    Intake,
    ItemDetail,
    ItemKind,
    ItemView,
    Status,
)
from bot.tracker.views import history, item_view, item_views

NEWEST_FIRST = (col(Item.created_at).desc(), col(Item.id).desc())
# An item's detail carries its newest events only (the chat shows fewer still); the CSV export has them all.
HISTORY_PAGE = 30


def raise_item(
    unit: Unit, *, actor_id: int, title: str, description: str, category: Category | str, kind: ItemKind | str,
    intake: Intake | None = None, levels: ServiceLevels | None = None,
) -> ItemView:
    """A new open item on the list, due on working days; the officer chat hears of it."""
    actor = load_actor(unit, actor_id)
    first_due, resolution_due = (levels or ServiceLevels()).due_times(unit.now)
    item = Item(
        kind=parse_enum(ItemKind, kind, field="kind").value,
        category=parse_enum(Category, category, field="category").value,
        title=clean_text(title, field="title", limit=TITLE_MAX),
        description=clean_text(description, field="description", limit=TEXT_MAX),
        enterprise_id=actor.enterprise_id,
        owner_id=actor_id,
        status=Status.OPEN.value,
        created_at=unit.now,
        updated_at=unit.now,
        first_response_due=first_due,
        resolution_due=resolution_due,
        next_due_at=first_due,
    )
    for name, value in intake_columns(intake or Intake()).items():
        setattr(item, name, value)
    unit.session.add(item)
    unit.session.flush()
    assert item.id is not None
    record_event(unit, item, actor_id, EventKind.CREATED, to_status=Status.OPEN)
    view = item_view(unit.session, item.id)
    notify_officers(unit, _created(view))
    return view


def intake_columns(intake: Intake) -> dict[str, str | None]:
    """The intake's answers as the item's columns, each cleaned and bounded like every other text."""
    def text_or_none(value: str | None, name: str, limit: int) -> str | None:
        return None if value is None else clean_text(value, field=name, limit=limit)

    return {
        "right_kind": intake.right_kind.value if intake.right_kind else None,
        "recordation_no": text_or_none(intake.recordation_no, "recordation_no", 40),
        "port": text_or_none(intake.port, "port", 200),
        "goods": text_or_none(intake.goods, "goods", TEXT_MAX),
        "direction": intake.direction.value if intake.direction else None,
        "declared_value": text_or_none(intake.declared_value, "declared_value", 40),
        "route": intake.route.value if intake.route else None,
    }


def _created(view: ItemView) -> ItemCreated:
    fields = {name: value for name, value in vars(view.intake).items() if value is not None}
    return ItemCreated(
        item_id=view.id,
        item_kind=view.kind.value,
        category=view.category.value,
        title=view.title,
        description=view.description,
        enterprise=view.enterprise_name,
        owner_name=view.owner_name,
        intake={k: str(v) for k, v in fields.items()} or None,
    )


def set_category(unit: Unit, *, actor_id: int, item_id: int, category: Category | str) -> ItemView:
    item = owned_item(unit, load_actor(unit, actor_id), item_id)
    new = parse_enum(Category, category, field="category")
    old = item.category
    if old != new.value:
        change_item(unit, item, category=new.value)
        record_event(unit, item, actor_id, EventKind.CATEGORY_CHANGE, text=f"{old} -> {new.value}")
    return item_view(unit.session, item_id)


def follow_up(unit: Unit, *, actor_id: int, item_id: int, text: str) -> ItemView:
    """More words from the owner on an item still being worked on; its officer (or the officer chat) hears."""
    actor = load_actor(unit, actor_id)
    item = owned_item(unit, actor, item_id)
    body = clean_text(text, field="text", limit=TEXT_MAX)
    require_status(item, ACTIVE, doing="add to")
    change_item(unit, item)  # bumps version and updated_at: a close racing with this follow-up is a Conflict
    record_event(unit, item, actor_id, EventKind.FOLLOW_UP, text=body)
    _tell_officers(unit, item, FollowUp(item_id=item_id, text=body, owner_name=actor.name))
    return item_view(unit.session, item_id)


def _tell_officers(unit: Unit, item: Item, notice: Notice) -> None:
    """The officer who holds the item, or the officer chat when nobody does."""
    assignee = unit.session.get(User, item.assignee_id) if item.assignee_id is not None else None
    if assignee is not None:
        notify_user(unit, assignee, notice)
    else:
        notify_officers(unit, notice)


def my_items(unit: Unit, *, actor_id: int) -> list[ItemView]:
    load_actor(unit, actor_id)
    return item_views(unit.session, col(Item.owner_id) == actor_id, order_by=NEWEST_FIRST)


def open_items_of(unit: Unit, *, actor_id: int) -> list[ItemView]:
    """The actor's items still open or in progress, newest first (to attach a follow-up to)."""
    load_actor(unit, actor_id)
    return item_views(unit.session, *_open_of(actor_id), order_by=NEWEST_FIRST)


def latest_open_item(unit: Unit, *, actor_id: int) -> int | None:
    """The id of the actor's open or in-progress item changed last, or None (one indexed row, no view)."""
    latest = (
        select(Item.id)
        .where(*_open_of(actor_id))
        .order_by(col(Item.updated_at).desc(), col(Item.id).desc())
        .limit(1)
    )
    return unit.session.exec(latest).first()


def _open_of(actor_id: int) -> tuple[Any, ...]:
    """Where-clauses for the actor's own items still open or in progress."""
    return col(Item.owner_id) == actor_id, col(Item.status).in_([status.value for status in ACTIVE])


def item_detail(unit: Unit, *, actor_id: int, item_id: int) -> ItemDetail:
    visible_item(unit, load_actor(unit, actor_id), item_id)
    page = history(unit.session, item_id, limit=HISTORY_PAGE)
    return ItemDetail(item=item_view(unit.session, item_id), history=page)


def close_own(unit: Unit, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
    """The owner withdraws the item (status closed); the reason, when given, stays in its history."""
    item = owned_item(unit, load_actor(unit, actor_id), item_id)
    why = lifecycle.reason_text(reason)
    lifecycle.require_unfinished(item)
    lifecycle.finish(unit, item, actor_id, status=Status.CLOSED, text=why)  # withdrawn: not "on time"
    return item_view(unit.session, item_id)


def reopen_own(unit: Unit, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
    """The owner is not satisfied: back on the list, and its officer (or the officer chat) hears, with the reason."""
    item = owned_item(unit, load_actor(unit, actor_id), item_id)
    _tell_officers(unit, item, lifecycle.reopen(unit, item, actor_id, reason))
    return item_view(unit.session, item_id)
