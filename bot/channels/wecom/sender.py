"""The WeCom outbox worker: claims the notices queued for WeCom, renders and sends them, and records how it
went. Delivery is at least once, as for Telegram (bot/channels/telegram/sender.py): a notice is marked
delivered only after WeCom accepted it, and the tracker's lease hands an unsettled one to the next claim."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.channels.outbox_loop import OutboxLoop
from bot.channels.wecom.client import WeComError
from bot.core.messages import Reply
from bot.tracker.values import NotificationView

log = logging.getLogger(__name__)
CHANNEL = "wecom"


class Outbox(Protocol):
    """The tracker's outbox calls (bot.tracker.service.Tracker); all blocking."""

    def claim_notifications(
        self, *, limit: int = 50, lease_s: float = 60, channel: str = "telegram"
    ) -> list[NotificationView]: ...

    def mark_delivered(self, *, notification_id: int) -> None: ...

    def mark_retry(self, *, notification_id: int, error: str, delay_s: float) -> None: ...

    def mark_undeliverable(self, *, notification_id: int, reason: str) -> None: ...


class NoRecipient(LookupError):
    """The notice's chat has no WeCom member (or group chat) to send to: final."""


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 10
    max_backoff_s: float = 300.0

    def delay(self, error: Exception, attempts: int) -> float | None:
        """Seconds until the next try, or None to give up."""
        if isinstance(error, NoRecipient) or (isinstance(error, WeComError) and not error.retryable):
            return None  # a member not in the app's range, a bad request: the same call fails the same way
        if attempts >= self.max_attempts:
            return None
        # Rate limits (45009, 45033), busy (-1), the network, our own bugs: 1, 2, 4 ... seconds.
        return min(self.max_backoff_s, 2.0 ** max(0, attempts - 1))


class WeComSender(OutboxLoop):
    """A background task that keeps WeCom's part of the outbox empty: one round per wake-up or `poll_s`."""

    task_name = "wecom-outbox-sender"

    def __init__(
        self,
        outbox: Outbox,
        render: Callable[[NotificationView], Reply],
        deliver: Callable[[NotificationView, Reply], Awaitable[None]],
        *,
        poll_s: float = 1.0,
        lease_s: float = 60.0,
        batch: int = 50,
        policy: RetryPolicy = RetryPolicy(),
    ) -> None:
        super().__init__(poll_s=poll_s)
        self._outbox, self._render, self._deliver = outbox, render, deliver
        self._lease_s, self._batch, self._policy = lease_s, batch, policy

    async def run_once(self) -> int:
        """Claim what is due for WeCom and send it, in order (WeCom's limits are per app: no fan-out)."""
        notices = await asyncio.to_thread(
            self._outbox.claim_notifications, limit=self._batch, lease_s=self._lease_s, channel=CHANNEL
        )
        for notice in notices:
            if self._stopping:
                break  # still claimed: sent by the next claim after the lease
            await self._send(notice)
        return len(notices)

    async def _send(self, notice: NotificationView) -> None:
        try:
            reply = await asyncio.to_thread(self._render, notice)
            await self._deliver(notice, reply)
        except Exception as exc:  # noqa: BLE001 - every failure settles the notice one way or the other
            await self._settle_failure(notice, exc)
        else:
            await asyncio.to_thread(self._outbox.mark_delivered, notification_id=notice.id)

    async def _settle_failure(self, notice: NotificationView, error: Exception) -> None:
        delay = self._policy.delay(error, notice.attempts)
        if delay is None:
            log.warning("WeCom notice %s to %s undeliverable: %s", notice.id, notice.chat_id, error)
            await asyncio.to_thread(self._outbox.mark_undeliverable, notification_id=notice.id, reason=str(error))
            return
        routine = isinstance(error, WeComError)
        log.log(logging.WARNING if routine else logging.ERROR, "WeCom notice %s: attempt %s failed (%s); retry in "
                "%.0f s", notice.id, notice.attempts, error, delay, exc_info=not routine)
        await asyncio.to_thread(
            self._outbox.mark_retry, notification_id=notice.id, error=str(error) or type(error).__name__, delay_s=delay
        )
