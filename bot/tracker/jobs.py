"""Periodic jobs that several replicas share: each period, the first replica to claim a job runs it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from bot.tracker.models import Item, JobRun
from bot.tracker.outbox import notify_officers
from bot.tracker.unit import Unit
from bot.tracker.values import ACTIVE, NoticeKind, Status

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


def daily_digest(unit: Unit, *, every: timedelta, overdue_days: int) -> bool:
    """Tell the officers' chat how far the list is from zero, once per `every` across all replicas.

    Nothing is sent when no officers' chat is set or the list is at zero. True when a digest was queued."""
    if unit.officer_chat_id is None or not claim(unit, DIGEST, every):
        return False
    active = col(Item.status).in_([status.value for status in ACTIVE])
    by_status = select(col(Item.status), func.count()).where(active).group_by(col(Item.status))
    counts = dict(unit.session.exec(by_status).all())
    if not counts:
        return False
    late = active & (col(Item.created_at) < unit.now - timedelta(days=overdue_days))
    oldest = unit.session.exec(select(col(Item.id)).where(late).order_by(col(Item.created_at)).limit(OLDEST_SHOWN))
    payload = {
        "open": counts.get(Status.OPEN.value, 0),
        "in_progress": counts.get(Status.IN_PROGRESS.value, 0),
        "overdue": unit.session.exec(select(func.count()).select_from(Item).where(late)).one(),
        "overdue_days": overdue_days,
        "oldest": list(oldest.all()),
    }
    notify_officers(unit, NoticeKind.DAILY_DIGEST, payload)
    return True
