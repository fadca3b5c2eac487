"""An enterprise's customs recordations: kept, listed, removed, with a guide to genuine goods, and the renewal
reminders (the window opens six months before expiry, one month before, and on the day), each sent once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import col, select

from bot.rules.compute import renewal_window_opens
from bot.tracker.access import load_actor, load_staff
from bot.tracker.errors import Invalid, NotFound
from bot.tracker.models import Attachment, Recordation, User
from bot.tracker.notices import Renewal
from bot.tracker.outbox import notify_user
from bot.tracker.sla import CHINA, claim
from bot.tracker.unit import Unit
from bot.tracker.validation import clean_text, parse_enum
from bot.tracker.values import RecordationView, RightKind, normalize_number

RECORDATIONS_MAX = 200  # per enterprise user: a group of brands, not a registry
GUIDE_MAX = 2000
LATE_REMINDER_DAYS = 31  # a recordation expired longer ago than this gets no more reminders
STAGES = ("opens", "month", "expired")


def add(unit: Unit, *, actor_id: int, number: str, right_kind: RightKind | str, expires: dt.date) -> RecordationView:
    load_actor(unit, actor_id)
    normal = normalize_number(number)
    if normal is None:
        raise Invalid("That is not a recordation number (e.g. T2019-12345).", field="number")
    mine = select(func.count()).select_from(Recordation).where(col(Recordation.owner_id) == actor_id)
    if unit.session.exec(mine).one() >= RECORDATIONS_MAX:
        raise Invalid(f"At most {RECORDATIONS_MAX} recordations per user.", field="number")
    row = Recordation(
        owner_id=actor_id, number=normal, right_kind=parse_enum(RightKind, right_kind, field="right_kind").value,
        expires=expires, created_at=unit.now,
    )
    unit.session.add(row)
    unit.session.flush()
    return _view(unit, row)


def of_owner(unit: Unit, *, actor_id: int) -> list[RecordationView]:
    """The actor's own recordations, the one expiring first first."""
    load_actor(unit, actor_id)
    query = select(Recordation).where(col(Recordation.owner_id) == actor_id)
    rows = unit.session.exec(query.order_by(col(Recordation.expires), col(Recordation.id))).all()
    return [_view(unit, row) for row in rows]


def _own(unit: Unit, actor_id: int, recordation_id: int) -> Recordation:
    """The actor's recordation; another's is "not found", so its existence is not revealed."""
    row = unit.session.get(Recordation, recordation_id)
    if row is None or row.owner_id != actor_id:
        raise NotFound(f"Recordation {recordation_id} not found.")
    return row


def remove(unit: Unit, *, actor_id: int, recordation_id: int) -> RecordationView:
    row = _own(unit, actor_id, recordation_id)
    view = _view(unit, row)
    for photo in unit.session.exec(select(Attachment).where(col(Attachment.recordation_id) == recordation_id)).all():
        unit.session.delete(photo)
    unit.session.delete(row)
    return view


def set_guide(unit: Unit, *, actor_id: int, recordation_id: int, guide: str) -> RecordationView:
    row = _own(unit, actor_id, recordation_id)
    row.guide = clean_text(guide, field="guide", limit=GUIDE_MAX)
    unit.session.add(row)
    return _view(unit, row)


def guide_for(unit: Unit, *, actor_id: int, recordation_id: int) -> RecordationView:
    """The owner's, or any officer's: officers at the border rely on such guides."""
    actor = load_actor(unit, actor_id)
    row = unit.session.get(Recordation, recordation_id)
    if row is None:
        raise NotFound(f"Recordation {recordation_id} not found.")
    if row.owner_id != actor_id:
        load_staff(unit, actor.id or actor_id)
    return _view(unit, row)


def with_number(unit: Unit, *, actor_id: int, owner_id: int, number: str) -> RecordationView | None:
    """Staff: the owner's recordation with this number (an item's intake names one), or None."""
    load_staff(unit, actor_id)
    normal = normalize_number(number)
    query = select(Recordation).where(col(Recordation.owner_id) == owner_id, col(Recordation.number) == normal)
    row = unit.session.exec(query.limit(1)).first()
    return None if row is None else _view(unit, row)


def expiring_count(unit: Unit) -> int:
    """Recordations of all enterprises in their renewal window today: the window opened (six months before the
    last day, in calendar months) and the last day has not passed. /stats counts these; the reminders use the
    same window."""
    today = unit.now.astimezone(CHINA).date()
    expires = col(Recordation.expires)
    query = select(func.count()).select_from(Recordation).where(expires >= today, expires <= last_open(today))
    return unit.session.exec(query).one()


def last_open(today: dt.date) -> dt.date:
    """The last expiry whose renewal window has opened by `today`: six months on (the rules' month arithmetic;
    at a month's end several expiries share one opening day, e.g. 28 to 31 August all open on 28 February)."""
    day = today
    while renewal_window_opens(day) <= today:  # at most ~184 steps, only for the count's bound
        day += dt.timedelta(days=1)
    return day - dt.timedelta(days=1)


def stage_dates(expires: dt.date) -> dict[str, dt.date]:
    """When each reminder is due: the renewal window opens, one month before, the last day."""
    return {"opens": renewal_window_opens(expires), "month": _month_before(expires), "expired": expires}


def _month_before(day: dt.date) -> dt.date:
    month = day.month - 1 or 12
    year = day.year - (day.month == 1)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, last)
        except ValueError:
            continue
    raise AssertionError(day)


def remind(unit: Unit) -> int:
    """The latest reminder due for each recordation in its window, sent once (a key per recordation, stage and
    date: however many replicas sweep, one sends; an earlier stage missed while the bot was down is not sent
    after a later one). Returns the notices queued."""
    today = unit.now.astimezone(CHINA).date()
    expires = col(Recordation.expires)
    window = (expires >= today - dt.timedelta(days=LATE_REMINDER_DAYS), expires <= last_open(today))
    queued = 0
    for row in unit.session.exec(select(Recordation).where(*window).order_by(expires)).all():
        due = [(stage, day) for stage, day in stage_dates(row.expires).items() if day <= today]
        if not due:
            continue
        stage, day = due[-1]
        if claim(unit, f"rec/{row.id}/{stage}/{day.isoformat()}"):
            owner = unit.session.get(User, row.owner_id)
            assert owner is not None
            last_day = row.expires.isoformat()
            assert row.id is not None
            notice = Renewal(recordation_id=row.id, number=row.number, stage=stage, expires=last_day)
            notify_user(unit, owner, notice)
            queued += 1
    return queued


def _view(unit: Unit, row: Recordation) -> RecordationView:
    assert row.id is not None
    photos = unit.session.exec(
        select(func.count()).select_from(Attachment).where(col(Attachment.recordation_id) == row.id)
    ).one()
    return RecordationView(
        id=row.id, owner_id=row.owner_id, number=row.number, right_kind=RightKind(row.right_kind),
        expires=row.expires, renewal_opens=renewal_window_opens(row.expires), guide=row.guide, photos=photos,
    )
