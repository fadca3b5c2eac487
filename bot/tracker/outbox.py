"""The durable outbox: notices written with the event they report, claimed and settled by the sender."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select

from bot.tracker.errors import NotFound
from bot.tracker.identities import channel_of
from bot.tracker.models import Notification, User
from bot.tracker.notices import Notice, payload_of
from bot.tracker.unit import Unit
from bot.tracker.values import NoticeKind, NotificationView

REASON_MAX = 2000


def notify(unit: Unit, *, chat_id: int | None, notice: Notice, lang: str | None) -> None:
    """Queue a notice in the caller's transaction: it is sent if and only if the event commits.
    No recipient (no officer chat configured) writes nothing."""
    if chat_id is None:
        return
    unit.session.add(
        Notification(
            chat_id=chat_id,
            channel=channel_of(unit, chat_id),
            kind=notice.kind.value,
            payload=json.dumps(payload_of(notice), ensure_ascii=False),
            lang=lang or "en",
            next_attempt_at=unit.now,
            created_at=unit.now,
        )
    )


def notify_user(unit: Unit, user: User, notice: Notice) -> None:
    """A notice to a user's private chat (its chat id is the user id), in their language."""
    notify(unit, chat_id=user.id, notice=notice, lang=user.language)


def notify_officers(unit: Unit, notice: Notice) -> None:
    notify(unit, chat_id=unit.officer_chat_id, notice=notice, lang="en")


def _pending() -> tuple[Any, ...]:
    # Spelled exactly like the partial index's WHERE, so that SQLite and PostgreSQL both use it.
    return col(Notification.delivered_at).is_(None), col(Notification.failed_at).is_(None)


def _due(unit: Unit) -> tuple[Any, ...]:
    held_by_nobody = or_(col(Notification.claimed_until).is_(None), col(Notification.claimed_until) <= unit.now)
    return (*_pending(), col(Notification.next_attempt_at) <= unit.now, held_by_nobody)


def any_due(unit: Unit, channel: str = "telegram") -> bool:
    """Whether a claim of `channel` now would find something (a read: no lock is taken)."""
    due = select(Notification.id).where(*_due(unit), col(Notification.channel) == channel)
    return unit.session.exec(due.limit(1)).first() is not None


def claim(unit: Unit, *, limit: int, lease_s: float, channel: str = "telegram") -> list[NotificationView]:
    """Due notices of `channel` nobody holds, now held by the caller for `lease_s` seconds (oldest first).

    PostgreSQL: SKIP LOCKED lets several senders claim at once without waiting or overlapping.
    SQLite: the write transaction (BEGIN IMMEDIATE) already runs one claimer at a time."""
    due = (
        select(Notification)
        .where(*_due(unit), col(Notification.channel) == channel)
        .order_by(col(Notification.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(unit.session.exec(due).all())
    for row in rows:
        row.claimed_until = unit.now + timedelta(seconds=lease_s)
        row.attempts += 1  # counted at claim time, so a sender that dies mid-send still uses up an attempt
    unit.session.flush()
    return [_view(row) for row in rows]


def _load(unit: Unit, notification_id: int) -> Notification:
    row = unit.session.get(Notification, notification_id)
    if row is None:
        raise NotFound.notification(notification_id)
    return row


def mark_delivered(unit: Unit, notification_id: int) -> None:
    row = _load(unit, notification_id)
    row.delivered_at = unit.now
    row.claimed_until = None


def mark_retry(unit: Unit, notification_id: int, *, error: str, delay_s: float) -> None:
    """Give the notice back, to be claimed again after `delay_s` seconds."""
    row = _load(unit, notification_id)
    row.next_attempt_at = unit.now + timedelta(seconds=max(0.0, delay_s))
    row.claimed_until = None
    row.failure_reason = error[:REASON_MAX]


def mark_undeliverable(unit: Unit, notification_id: int, *, reason: str) -> None:
    """Give up on the notice for good (blocked bot, deleted chat, too many attempts)."""
    row = _load(unit, notification_id)
    row.failed_at = unit.now
    row.claimed_until = None
    row.failure_reason = reason[:REASON_MAX]


def pending_count(unit: Unit) -> int:
    """Notices neither delivered nor given up, claimed or not."""
    return unit.session.exec(select(func.count()).select_from(Notification).where(*_pending())).one()


def _view(row: Notification) -> NotificationView:
    assert row.id is not None
    return NotificationView(
        id=row.id,
        chat_id=row.chat_id,
        kind=NoticeKind(row.kind),
        payload=json.loads(row.payload),
        lang=row.lang,
        attempts=row.attempts,
    )


def undeliverable_count(unit: Unit) -> int:
    """Notices given up for good (blocked bot, deleted chat, too many attempts)."""
    failed = col(Notification.failed_at).is_not(None)
    return unit.session.exec(select(func.count()).select_from(Notification).where(failed)).one()
