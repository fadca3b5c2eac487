"""Service levels on the Chinese working-day calendar: when an item's first response and resolution are due,
how late an item is in working days, and the sweep that reminds and announces once, whatever the replicas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, case, cast, func, literal
from sqlmodel import col, select

from bot.rules.calendar import WorkingCalendar
from bot.tracker.models import Item, ReminderSent, User
from bot.tracker.notices import DueSoon, Overdue
from bot.tracker.outbox import notify_officers, notify_user
from bot.tracker.unit import Unit
from bot.tracker.values import ACTIVE

# China keeps UTC+8 all year: a working day is a day in Beijing, whatever the server's zone.
CHINA = dt.timezone(dt.timedelta(hours=8))
# How long before a due time the officer who holds the item (else the officers' chat) is reminded.
REMIND_BEFORE = {"first_response": dt.timedelta(hours=4), "resolution": dt.timedelta(hours=24)}
SWEEP_MAX = 500  # items looked at per sweep; the next sweep takes the rest


@dataclass(frozen=True)
class ServiceLevels:
    """Due times: `first_response_days` and `resolution_days` working days after the day an item was logged,
    at the time of day it was logged (China time); a day logged on a holiday counts from the next working day."""

    first_response_days: int = 1
    resolution_days: int = 10
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)

    def due_times(self, logged: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """(first response due, resolution due), aware UTC."""
        return self.due_after(logged, self.first_response_days), self.due_after(logged, self.resolution_days)

    def due_after(self, logged: dt.datetime, working_days: int) -> dt.datetime:
        local = logged.astimezone(CHINA)
        due_day = self.calendar.add_working_days(local.date(), working_days).due
        return dt.datetime.combine(due_day, local.timetz()).astimezone(dt.UTC)

    def working_days_late(self, due: dt.datetime, now: dt.datetime) -> int:
        """Working days from the due day (not counted) to today (counted): 0 when not yet past due."""
        if now <= due:
            return 0
        day, today, late = due.astimezone(CHINA).date(), now.astimezone(CHINA).date(), 0
        while day < today:
            day += dt.timedelta(days=1)
            late += self.calendar.is_workday(day)
        return max(late, 1)  # past due on the due day itself is late by (part of) one working day


def stage_of(item: Item) -> str:
    """Which due time `next_due_at` is: the first response until an officer answered, then the resolution."""
    return "first_response" if item.first_response_at is None else "resolution"


def answered(unit: Unit, item: Item) -> dict[str, object]:
    """The columns an officer's first answer changes: the resolution becomes what is due next."""
    if item.first_response_at is not None:
        return {}
    return {"first_response_at": unit.now, "next_due_at": item.resolution_due}


def claim(unit: Unit, key: str) -> bool:
    """True for the one caller that inserts `key` first; every other replica (and every later sweep) gets False."""
    inserted = unit.session.exec(
        unit.insert(ReminderSent).values(key=key, at=unit.now).on_conflict_do_nothing().returning(col(ReminderSent.key))
    )
    return inserted.first() is not None


def sweep(unit: Unit) -> int:
    """Remind before each due time and announce each passed one, once each; returns the notices queued."""
    active = col(Item.status).in_([status.value for status in ACTIVE])
    due = col(Item.next_due_at)
    horizon = unit.now + max(REMIND_BEFORE.values())
    # Items announced late already are left out, or the longest overdue would fill every round's SWEEP_MAX
    # and no item past due after them would ever be announced.
    late_key = literal("sla/") + cast(col(Item.id), String) + literal("/late/") + _stage_sql()
    announced = select(col(ReminderSent.key)).where(col(ReminderSent.key) == late_key).exists()
    late = select(Item).where(active, due <= unit.now, ~announced).order_by(due).limit(SWEEP_MAX)
    soon = select(Item).where(active, due > unit.now, due <= horizon).order_by(due).limit(SWEEP_MAX)
    queued = 0
    for query in (late, soon):
        for item in unit.session.exec(query).all():
            queued += _remind_or_announce(unit, item)
    return queued


def _stage_sql() -> Any:
    """stage_of(item) in SQL."""
    return case((col(Item.first_response_at).is_(None), literal("first_response")), else_=literal("resolution"))


def _remind_or_announce(unit: Unit, item: Item) -> int:
    assert item.next_due_at is not None and item.id is not None
    stage, due = stage_of(item), item.next_due_at
    item_id, when, title = item.id, due.isoformat(), item.title
    if unit.now >= due:
        if claim(unit, f"sla/{item.id}/late/{stage}"):
            notify_officers(unit, Overdue(item_id=item_id, stage=stage, due=when, title=title))
            return 1
        return 0
    if unit.now >= due - REMIND_BEFORE[stage] and claim(unit, f"sla/{item.id}/soon/{stage}/{due:%Y%m%d%H%M}"):
        holder = unit.session.get(User, item.assignee_id) if item.assignee_id is not None else None
        if holder is not None:
            notify_user(unit, holder, DueSoon(item_id=item_id, stage=stage, due=when, title=title))
        else:
            notify_officers(unit, DueSoon(item_id=item_id, stage=stage, due=when, title=title))
        return 1
    return 0


def overdue(unit: Unit) -> int:
    """Active items past the due time of their next step."""
    active = col(Item.status).in_([status.value for status in ACTIVE])
    late = select(func.count()).select_from(Item).where(active, col(Item.next_due_at) < unit.now)
    return unit.session.exec(late).one()


def oldest_overdue(unit: Unit, limit: int) -> list[Item]:
    """The active items that passed their due time longest ago."""
    active = col(Item.status).in_([status.value for status in ACTIVE])
    query = (
        select(Item).where(active, col(Item.next_due_at) < unit.now).order_by(col(Item.next_due_at)).limit(limit)
    )
    return list(unit.session.exec(query).all())
