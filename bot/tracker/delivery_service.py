"""The Tracker's calls for the channels' queues (the outbox of notices, the inboxes of Telegram updates and of
WeCom's callbacks) and the plain figures of /healthz and /metrics; several replicas may call them at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import Engine

from bot.tracker import db, inbox, outbox, stats
from bot.tracker.facade import Facade
from bot.tracker.values import NotificationView


class DeliveryQueues(Facade):
    """Mixed into Tracker (bot/tracker/service.py); needs `_engine` for the schema revisions."""

    _engine: Engine

    # outbox, for the Telegram sender (several processes may claim at once)

    def claim_notifications(
        self, *, limit: int = 50, lease_s: float = 60, channel: str = "telegram"
    ) -> list[NotificationView]:
        """Due notices of `channel` nobody holds; the caller holds them for lease_s seconds, then they are due
        again. Each channel's sender claims its own (a WeCom user's notice is never tried on Telegram)."""
        # A read first: the sender looks after every answer, and most of the time nothing is due; the
        # write transaction (on SQLite the database's one write lock) is taken only when something is.
        with self._unit(write=False) as unit:
            if not outbox.any_due(unit, channel):
                return []
        with self._unit() as unit:
            return outbox.claim(unit, limit=limit, lease_s=lease_s, channel=channel)

    def mark_delivered(self, *, notification_id: int) -> None:
        with self._unit() as unit:
            outbox.mark_delivered(unit, notification_id)

    def mark_retry(self, *, notification_id: int, error: str, delay_s: float) -> None:
        with self._unit() as unit:
            outbox.mark_retry(unit, notification_id, error=error, delay_s=delay_s)

    def mark_undeliverable(self, *, notification_id: int, reason: str) -> None:
        with self._unit() as unit:
            outbox.mark_undeliverable(unit, notification_id, reason=reason)

    def pending_count(self) -> int:
        with self._unit(write=False) as unit:
            return outbox.pending_count(unit)

    # inbox of Telegram updates, for the channels (several replicas may recover at once)

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]:
        """Store (update id, JSON) pairs; the ids not seen before, now held by the caller for lease_s."""
        with self._unit() as unit:
            return inbox.receive(unit, updates, lease_s=lease_s)

    def claim_stale_updates(
        self, *, limit: int, lease_s: float, max_attempts: int, held_too: bool = False
    ) -> list[tuple[int, str]]:
        """Updates whose handler died before it was done (`held_too`: or still holds them), now held by the
        caller for lease_s."""
        with self._unit() as unit:
            return inbox.claim_stale(unit, limit=limit, lease_s=lease_s, max_attempts=max_attempts, held_too=held_too)

    def defer_updates(self, *, update_ids: Sequence[int]) -> None:
        """Give back stored updates this replica will not start now; recovery takes them (no attempt counted)."""
        with self._unit() as unit:
            inbox.defer(unit, update_ids)

    def mark_update_done(self, *, update_id: int) -> None:
        with self._unit() as unit:
            inbox.mark_done(unit, update_id)

    def prune_inbox(self, *, older_than: timedelta) -> int:
        with self._unit() as unit:
            return inbox.prune(unit, older_than=older_than)

    # inbox of the channels keyed by text (WeCom's callbacks): the same life cycle

    def receive_message(self, *, channel: str, key: str, payload: str, lease_s: float) -> bool:
        """Store one message of `channel` under `key`; True when new (now held by the caller for lease_s),
        False for a key stored before (a retry)."""
        with self._unit() as unit:
            return inbox.receive_keyed(unit, channel=channel, key=key, payload=payload, lease_s=lease_s)

    def claim_stale_messages(
        self, *, channel: str, limit: int, lease_s: float, max_attempts: int
    ) -> list[tuple[str, str]]:
        """(key, payload) of `channel`'s messages whose handler died before it was done, now held by the
        caller for lease_s."""
        with self._unit() as unit:
            return inbox.claim_stale_keyed(
                unit, channel=channel, limit=limit, lease_s=lease_s, max_attempts=max_attempts
            )

    def defer_messages(self, *, channel: str, keys: Sequence[str]) -> None:
        """Give back stored messages this replica will not start now; recovery takes them (no attempt counted)."""
        with self._unit() as unit:
            inbox.defer_keyed(unit, channel=channel, keys=keys)

    def mark_message_done(self, *, channel: str, key: str) -> None:
        with self._unit() as unit:
            inbox.mark_keyed_done(unit, channel=channel, key=key)

    def inbox_pending_count(self) -> int:
        with self._unit(write=False) as unit:
            return inbox.pending_count(unit)

    # operations: plain figures for the web server's /healthz and /metrics (numbers only, so no actor)

    def schema_revisions(self) -> tuple[str | None, str | None]:
        """(the database's schema revision, the newest the code has); raises when it is unreachable."""
        return db.revisions(self._engine)

    def items_by_status(self) -> dict[str, int]:
        with self._unit(write=False) as unit:
            return stats.by_status(unit.session)

    def undeliverable_count(self) -> int:
        with self._unit(write=False) as unit:
            return outbox.undeliverable_count(unit)
