"""Periodic jobs that several replicas share: each period, the first replica to claim a job runs it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from bot.tracker.models import Item, JobRun
from bot.tracker.notices import DailyDigest
from bot.tracker.outbox import notify_officers
from bot.tracker.sla import ServiceLevels, oldest_overdue, overdue
from bot.tracker.stats import on_time_counts
from bot.tracker.unit import Unit
from bot.tracker.values import ACTIVE, Status

DIGEST = "daily_digest"
OLDEST_SHOWN = 10


def claim(unit: Unit, name: str, every: timedelta) -> bool:
    """True when `name` last ran `every` ago or longer (or never): it is now this caller's to run.

    One statement, so two replicas claiming at once cannot both win."""
    due_before = unit.now - every
    claimed = unit.session.exec(
        unit.insert(JobRun)
        .values(name=name, last_run_at=unit.now)
        .on_conflict_do_update(
            index_elements=["name"], set_={"last_run_at": unit.now}, where=col(JobRun.last_run_at) <= due_before
        )
        .returning(col(JobRun.name))
    )
    return claimed.first() is not None


def daily_digest(unit: Unit, *, every: timedelta, levels: ServiceLevels) -> bool:
    """Tell the officers' chat how far the list is from zero, what is past due (counted in working days) and the
    share resolved on time, once per `every` across all replicas.

    Nothing is sent when no officers' chat is set or the list is at zero. True when a digest was queued."""
    if unit.officer_chat_id is None or not claim(unit, DIGEST, every):
        return False
    active = col(Item.status).in_([status.value for status in ACTIVE])
    by_status = select(col(Item.status), func.count()).where(active).group_by(col(Item.status))
    counts = dict(unit.session.exec(by_status).all())
    if not counts:
        return False
    oldest = oldest_overdue(unit, OLDEST_SHOWN)
    digest = DailyDigest(
        open=counts.get(Status.OPEN.value, 0),
        in_progress=counts.get(Status.IN_PROGRESS.value, 0),
        overdue=overdue(unit),
        oldest=[item.id or 0 for item in oldest],
        # how many working days each of the oldest is past its due time
        late=[levels.working_days_late(item.next_due_at, unit.now) for item in oldest if item.next_due_at],
        **on_time_counts(unit.session),  # the share resolved by their due time, as in /stats
    )
    notify_officers(unit, digest)
    return True
