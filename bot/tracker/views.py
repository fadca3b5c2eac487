"""Rows to the frozen values callers get: ORM objects never leave the tracker."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.tracker.models import Enterprise, Item, ItemEvent, User
from bot.tracker.values import (
    CaseRoute,
    Category,
    Direction,
    EventKind,
    HistoryEntry,
    Intake,
    ItemKind,
    ItemView,
    RightKind,
    Role,
    Status,
    UserView,
)

Owner = aliased(User, name="owner")
Assignee = aliased(User, name="assignee")


def user_view(session: Session, user: User) -> UserView:
    assert user.id is not None
    enterprise = session.get(Enterprise, user.enterprise_id) if user.enterprise_id is not None else None
    return UserView(
        id=user.id,
        name=user.name,
        language=user.language,
        role=Role(user.role),
        enterprise_name=enterprise.name if enterprise else None,
        channel=user.channel,
    )


def _item_select() -> Any:
    """Items with the names an ItemView shows, in one query (no lazy loads per row)."""
    return (
        select(Item, col(Owner.name), col(Enterprise.name), col(Assignee.name))
        .join(Owner, col(Owner.id) == col(Item.owner_id))
        .outerjoin(Enterprise, col(Enterprise.id) == col(Item.enterprise_id))
        .outerjoin(Assignee, col(Assignee.id) == col(Item.assignee_id))
        .execution_options(populate_existing=True)
    )


def item_views(
    session: Session, *where: Any, order_by: tuple[Any, ...] = (), limit: int | None = None
) -> list[ItemView]:
    """The items matching `where`, as views, in the given order."""
    query = _item_select().where(*where).order_by(*order_by)
    if limit is not None:
        query = query.limit(limit)
    return [_to_item_view(*row) for row in session.exec(query).all()]


def item_view(session: Session, item_id: int) -> ItemView:
    (view,) = item_views(session, col(Item.id) == item_id)
    return view


def _to_item_view(
    item: Item, owner_name: str, enterprise_name: str | None, assignee_name: str | None
) -> ItemView:
    assert item.id is not None
    return ItemView(
        id=item.id,
        kind=ItemKind(item.kind),
        category=Category(item.category),
        title=item.title,
        description=item.description,
        status=Status(item.status),
        owner_id=item.owner_id,
        owner_name=owner_name,
        enterprise_name=enterprise_name,
        assignee_id=item.assignee_id,
        assignee_name=assignee_name,
        resolution=item.resolution,
        created_at=item.created_at,
        updated_at=item.updated_at,
        closed_at=item.closed_at,
        version=item.version,
        intake=intake_of(item),
        first_response_due=item.first_response_due,
        resolution_due=item.resolution_due,
        next_due_at=item.next_due_at,
        satisfaction=item.satisfaction,
        merged_into=item.merged_into,
    )


def intake_of(item: Item) -> Intake:
    """The intake's answers kept on the item (columns of skipped steps are None)."""
    return Intake(
        right_kind=RightKind(item.right_kind) if item.right_kind else None,
        recordation_no=item.recordation_no,
        port=item.port,
        goods=item.goods,
        direction=Direction(item.direction) if item.direction else None,
        declared_value=item.declared_value,
        route=CaseRoute(item.route) if item.route else None,
    )


def history(session: Session, item_id: int, *, limit: int) -> tuple[HistoryEntry, ...]:
    """The item's newest `limit` events, oldest first, with the actors' names: one bounded read however
    long the history grew (an enterprise may add to an item for months)."""
    query = (
        select(ItemEvent, col(User.name))
        .outerjoin(User, col(User.id) == col(ItemEvent.actor_id))
        .where(col(ItemEvent.item_id) == item_id)
        .order_by(col(ItemEvent.at).desc(), col(ItemEvent.id).desc())
        .limit(limit)
    )
    return tuple(reversed([
        HistoryEntry(
            at=event.at,
            actor_id=event.actor_id,
            actor_name=name,
            event=EventKind(event.event),
            text=event.text,
            from_status=Status(event.from_status) if event.from_status else None,
            to_status=Status(event.to_status) if event.to_status else None,
        )
        for event, name in session.exec(query).all()
    ]))
