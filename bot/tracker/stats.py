"""How far the list is from zero."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from bot.tracker import recordations
from bot.tracker.access import load_staff
from bot.tracker.models import Item
from bot.tracker.sla import overdue
from bot.tracker.unit import Unit
from bot.tracker.values import ACTIVE, FINISHED, Category, Stats, Status, WeeklyActive

MAX_WEEKS = 52


def stats(unit: Unit, *, actor_id: int | None) -> Stats:
    """The figures of /stats; actor None is the trusted command line."""
    if actor_id is not None:
        load_staff(unit, actor_id)
    counts = _counts(unit.session)
    by_status: Counter[str] = Counter()
    by_category: Counter[str] = Counter({category.value: 0 for category in Category})
    open_by_category: Counter[str] = Counter({category.value: 0 for category in Category})
    per_status = {status: Counter({category.value: 0 for category in Category}) for status in ACTIVE}
    for (status, category), count in counts.items():
        by_status[status] += count
        by_category[category] += count
        if status in ACTIVE:
            open_by_category[category] += count
            per_status[Status(status)][category] += count
    total = sum(by_status.values())
    finished = sum(by_status[status] for status in FINISHED)
    return Stats(
        open=by_status[Status.OPEN],
        in_progress=by_status[Status.IN_PROGRESS],
        resolved=by_status[Status.RESOLVED],
        closed=by_status[Status.CLOSED],
        total=total,
        median_hours_to_close=_median_hours_to_close(unit.session, finished),
        overdue=overdue(unit),
        by_category=dict(by_category),
        open_by_category=dict(open_by_category),
        waiting_by_category=dict(per_status[Status.OPEN]),
        in_progress_by_category=dict(per_status[Status.IN_PROGRESS]),
        distance_to_zero=total - finished,
        cleared_percent=round(100.0 * finished / total, 1) if total else 100.0,
        **on_time_counts(unit.session),
        **_satisfaction(unit.session),
        expiring_recordations=recordations.expiring_count(unit),
    )


def on_time_counts(session: Session) -> dict[str, int]:
    """Resolved items with a due time, and those resolved by it (closed_on_time is set at resolution)."""
    query = select(col(Item.closed_on_time), func.count()).where(col(Item.closed_on_time).is_not(None))
    counts = dict(session.exec(query.group_by(col(Item.closed_on_time))).all())
    return {"with_due": sum(counts.values()), "on_time": counts.get(True, 0)}


def _satisfaction(session: Session) -> dict[str, int]:
    score = col(Item.satisfaction)
    satisfied = func.sum(case((score >= 4, 1), else_=0))
    rated, total, happy = session.exec(select(func.count(score), func.sum(score), satisfied)).one()
    return {"rated": int(rated or 0), "score_sum": int(total or 0), "satisfied": int(happy or 0)}


def _counts(session: Session) -> dict[tuple[str, str], int]:
    """Items per (status, category): one pass over ix_item_status_category_created, no table reads."""
    query = select(col(Item.status), col(Item.category), func.count()).group_by(
        col(Item.status), col(Item.category)
    )
    return {(status, category): count for status, category, count in session.exec(query).all()}


def _median_hours_to_close(session: Session, finished: int) -> float | None:
    """Median time from raised to closed over the items closed now (a reopened one counts once closed again).

    Every finished item has hours_to_close, so the middle one or two are found by walking
    ix_item_hours_to_close `finished / 2` entries: no sort, and the same SQL on SQLite and PostgreSQL."""
    if finished == 0:
        return None
    hours = col(Item.hours_to_close)
    middle = session.exec(
        select(hours)
        .where(hours.is_not(None))
        .order_by(hours)
        .offset((finished - 1) // 2)
        .limit(2 - finished % 2)
    ).all()
    values = [value for value in middle if value is not None]
    return round(sum(values) / len(values), 2) if values else None


def by_status(session: Session) -> dict[str, int]:
    """Items per status, every status present (0 when none)."""
    found: Counter[str] = Counter({status.value: 0 for status in Status})
    for (status, _), count in _counts(session).items():
        found[status] += count
    return dict(found)


def weekly_active(unit: Unit, *, actor_id: int | None, weeks: int) -> WeeklyActive:
    """Items open or in progress at the end of each of the last `weeks` weeks (the last point is now), per
    category: logged before that moment and not closed by then. One pass over the items, whatever their number
    (a SUM of CASE per week), so memory does not grow with the list."""
    if actor_id is not None:
        load_staff(unit, actor_id)
    weeks = max(1, min(weeks, MAX_WEEKS))
    moments = [unit.now - timedelta(weeks=weeks - 1 - n) for n in range(weeks)]
    created, closed = col(Item.created_at), col(Item.closed_at)
    columns = [
        func.sum(case((and_(created <= moment, or_(closed.is_(None), closed > moment)), 1), else_=0))
        for moment in moments
    ]
    counts = {category.value: [0] * weeks for category in Category}
    query = select(col(Item.category), *columns).group_by(col(Item.category))
    for row in unit.session.exec(query).all():
        counts[str(row[0])] = [int(value or 0) for value in row[1:]]
    return WeeklyActive(moments=tuple(moments), by_category=counts)
