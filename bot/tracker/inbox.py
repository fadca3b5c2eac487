"""The inboxes of the channels: stored on arrival, marked done when handled, recovered when a handler died.

A channel records a batch of updates before it tells Telegram they arrived, so a crash in between costs
nothing (Telegram sends them again and the primary key drops the repeats), and a crash while one is handled
leaves it pending: once its claim runs out, any replica takes it up again. Its writes to the problem list are
not repeated then (bot.tracker.origin).

Two tables, one life cycle: inbox_update holds Telegram's updates by their numeric id (the order Telegram
gives them), channel_inbox the messages of channels keyed by text (WeCom's callbacks: MsgId, or an event's
sender, time and key) under (channel, key). The claim, give-up, done and prune rules below serve both."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, func, text
from sqlmodel import col, delete, select

from bot.tracker.models import ChannelInbox, InboxUpdate, UpdateEffect
from bot.tracker.unit import Unit

HANDLED, GIVEN_UP = "handled", "given up"
PRUNE_LOCK = 0x1F2D_0002  # PostgreSQL advisory lock: one replica prunes at a time

Stored = InboxUpdate | ChannelInbox
R = TypeVar("R", InboxUpdate, ChannelInbox)


def receive(unit: Unit, updates: Sequence[tuple[int, str]], *, lease_s: float) -> list[int]:
    """Store (update id, JSON) pairs; returns the ids not stored before, now held by the caller for lease_s."""
    if not updates:
        return []
    rows = [
        {
            "update_id": update_id,
            "payload": payload,
            "received_at": unit.now,
            "attempts": 1,
            "claimed_until": unit.now + timedelta(seconds=lease_s),
        }
        for update_id, payload in updates
    ]
    stored = unit.session.exec(
        unit.insert(InboxUpdate)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(col(InboxUpdate.update_id))
    )
    return sorted(row[0] for row in stored.all())


def claim_stale(
    unit: Unit, *, limit: int, lease_s: float, max_attempts: int, held_too: bool = False
) -> list[tuple[int, str]]:
    """Pending updates whose handler's claim ran out (it died), oldest first, now held by the caller;
    `held_too` takes the claimed ones as well (a poller starting: only one process can poll, so the holder
    is gone).

    One that was started max_attempts times already is given up: it is the likeliest reason it died."""
    pending = col(InboxUpdate.done_at).is_(None)
    stale = (
        select(InboxUpdate)
        .where(pending if held_too else and_(pending, col(InboxUpdate.claimed_until) <= unit.now))
        .order_by(col(InboxUpdate.update_id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = _take_up(unit, unit.session.exec(stale).all(), lease_s=lease_s, max_attempts=max_attempts)
    return [(row.update_id, row.payload) for row in rows]


def _take_up(unit: Unit, rows: Sequence[R], *, lease_s: float, max_attempts: int) -> list[R]:
    """Hold `rows` (stale, locked) for lease_s more, one attempt more each; those started max_attempts times
    already are given up instead (left out)."""
    taken = []
    for row in rows:
        if row.attempts >= max_attempts:
            _finish(unit, row, GIVEN_UP)
            continue
        row.attempts += 1
        row.claimed_until = unit.now + timedelta(seconds=lease_s)
        taken.append(row)
    return taken


def _finish(unit: Unit, row: Stored | None, outcome: str) -> None:
    if row is not None and row.done_at is None:
        row.done_at, row.outcome, row.claimed_until = unit.now, outcome, None


def defer(unit: Unit, update_ids: Sequence[int]) -> None:
    """Give stored updates back unstarted (their replica had too many in hand): due for recovery at once,
    and their start not counted as an attempt."""
    for update_id in update_ids:
        row = unit.session.get(InboxUpdate, update_id)
        if row is not None and row.done_at is None:
            row.claimed_until, row.attempts = unit.now, max(0, row.attempts - 1)


def mark_done(unit: Unit, update_id: int) -> None:
    _finish(unit, unit.session.get(InboxUpdate, update_id), HANDLED)


# -- channels keyed by text (channel_inbox) ------------------------------------------------------------------


def receive_keyed(unit: Unit, *, channel: str, key: str, payload: str, lease_s: float) -> bool:
    """Store one message of `channel`; True when it is new (now held by the caller for lease_s), False when
    its key was stored before (a retry: being handled, or handled, already)."""
    row: dict[str, Any] = {
        "channel": channel, "key": key, "payload": payload, "received_at": unit.now, "attempts": 1,
        "claimed_until": unit.now + timedelta(seconds=lease_s),
    }
    stored = unit.session.exec(
        unit.insert(ChannelInbox)
        .values(row)
        .on_conflict_do_nothing(index_elements=["channel", "key"])
        .returning(col(ChannelInbox.key))
    )
    return stored.first() is not None


def claim_stale_keyed(
    unit: Unit, *, channel: str, limit: int, lease_s: float, max_attempts: int
) -> list[tuple[str, str]]:
    """(key, payload) of `channel`'s pending messages whose handler's claim ran out, oldest first, now held by
    the caller; as claim_stale (one started max_attempts times already is given up)."""
    stale = (
        select(ChannelInbox)
        .where(
            col(ChannelInbox.channel) == channel,
            col(ChannelInbox.done_at).is_(None),
            col(ChannelInbox.claimed_until) <= unit.now,
        )
        .order_by(col(ChannelInbox.received_at), col(ChannelInbox.key))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = _take_up(unit, unit.session.exec(stale).all(), lease_s=lease_s, max_attempts=max_attempts)
    return [(row.key, row.payload) for row in rows]


def defer_keyed(unit: Unit, *, channel: str, keys: Sequence[str]) -> None:
    """Give stored messages of `channel` back unstarted, as `defer` does updates: due for recovery at once,
    and their start not counted as an attempt."""
    for key in keys:
        row = unit.session.get(ChannelInbox, (channel, key))
        if row is not None and row.done_at is None:
            row.claimed_until, row.attempts = unit.now, max(0, row.attempts - 1)


def mark_keyed_done(unit: Unit, *, channel: str, key: str) -> None:
    _finish(unit, unit.session.get(ChannelInbox, (channel, key)), HANDLED)


def prune(unit: Unit, *, older_than: timedelta) -> int:
    """Forget updates and channel messages handled (and effects recorded) before now - older_than; returns
    the updates and messages removed. Pending ones stay, however old.

    Telegram never sends an update again a day after it was confirmed, nor WeCom a callback it got its 200
    for, so a day's memory is plenty. On PostgreSQL only one replica prunes at a time; the others skip this
    round (returning 0)."""
    if not _job_lock(unit, PRUNE_LOCK):
        return 0
    cutoff = unit.now - older_than
    done = unit.session.exec(delete(InboxUpdate).where(col(InboxUpdate.done_at) < cutoff))
    keyed = unit.session.exec(delete(ChannelInbox).where(col(ChannelInbox.done_at) < cutoff))
    unit.session.exec(delete(UpdateEffect).where(col(UpdateEffect.at) < cutoff))
    return int(done.rowcount or 0) + int(keyed.rowcount or 0)


def _job_lock(unit: Unit, key: int) -> bool:
    """True when this transaction may run the job `key` (always on SQLite: one process only)."""
    if unit.session.get_bind().dialect.name != "postgresql":
        return True
    return bool(unit.session.exec(text("SELECT pg_try_advisory_xact_lock(:key)").bindparams(key=key)).one()[0])  # type: ignore[call-overload]


def pending_count(unit: Unit) -> int:
    """Updates stored and not yet handled (in progress or waiting for recovery)."""
    query = select(func.count()).select_from(InboxUpdate).where(col(InboxUpdate.done_at).is_(None))
    return int(unit.session.exec(query).one())
