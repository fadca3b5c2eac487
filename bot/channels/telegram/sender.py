"""The outbox worker: claims due notices from the tracker, renders, sends, and records how it went.

Delivery is at least once: a notice is marked delivered only after Telegram accepted it, and the tracker's
lease hands an unsettled notice to the next claim (after a crash, or in another replica).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.channels.outbox_loop import OutboxLoop
from bot.channels.telegram.reply import retry_after_s, send_reply
from bot.channels.telegram.throttle import Throttle
from bot.core.messages import Reply
from bot.tracker.values import NotificationView

log = logging.getLogger(__name__)


class Outbox(Protocol):
    """The tracker's outbox calls (bot.tracker.service.Tracker); all blocking."""

    def claim_notifications(self, *, limit: int = 50, lease_s: float = 60) -> list[NotificationView]: ...

    def mark_delivered(self, *, notification_id: int) -> None: ...

    def mark_retry(self, *, notification_id: int, error: str, delay_s: float) -> None: ...

    def mark_undeliverable(self, *, notification_id: int, reason: str) -> None: ...

    def pending_count(self) -> int: ...

    def daily_digest(self, *, every: timedelta) -> bool: ...

    def send_reminders(self) -> int: ...


@dataclass(frozen=True)
class Retry:
    delay_s: float
    error: str


@dataclass(frozen=True)
class GiveUp:
    reason: str


@dataclass(frozen=True)
class RetryPolicy:
    """What a failed send means for the notice."""

    max_attempts: int = 10
    max_backoff_s: float = 300.0

    def after(self, error: Exception, attempts: int) -> Retry | GiveUp:
        """The fate of a notice whose `attempts`-th attempt (this one included) failed with `error`."""
        if isinstance(error, RetryAfter):
            # Flood control is Telegram's schedule, not the notice's fault: it does not need a backoff.
            return Retry(retry_after_s(error), str(error))
        if isinstance(error, Forbidden):  # the user blocked the bot or left the group: final
            return GiveUp(str(error))
        if isinstance(error, BadRequest):
            # "chat not found", or a text Telegram refuses: the same request would fail the same way.
            return GiveUp(str(error))
        if attempts >= self.max_attempts:
            return GiveUp(f"gave up after {attempts} attempts: {error}")
        # 5xx, network errors, timeouts, and our own bugs in rendering: 1, 2, 4 ... seconds.
        return Retry(min(self.max_backoff_s, 2.0 ** max(0, attempts - 1)), str(error) or type(error).__name__)


class OutboxSender(OutboxLoop):
    """A background task that keeps the outbox empty: one round per wake-up or `poll_s`."""

    def __init__(
        self,
        outbox: Outbox,
        render: Callable[[NotificationView], Reply],
        bot: Bot,
        throttle: Throttle,
        *,
        poll_s: float = 1.0,
        batch: int = 50,
        lease_s: float = 60.0,
        policy: RetryPolicy = RetryPolicy(),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(poll_s=poll_s)
        self._outbox, self._render, self._bot, self._throttle = outbox, render, bot, throttle
        self._batch, self._lease_s = batch, lease_s
        self._policy, self._clock = policy, clock

    async def run_once(self) -> int:
        """Claim what is due and deliver it: chats in parallel, each chat's notices in order."""
        notices = await asyncio.to_thread(
            self._outbox.claim_notifications, limit=self._batch, lease_s=self._lease_s
        )
        claimed_at = self._clock()
        by_chat: dict[int, list[NotificationView]] = {}
        for notice in notices:
            by_chat.setdefault(notice.chat_id, []).append(notice)
        await asyncio.gather(*(self._deliver_in_order(chat, claimed_at) for chat in by_chat.values()))
        return len(notices)

    async def _deliver_in_order(self, notices: list[NotificationView], claimed_at: float) -> None:
        # A notice whose send would start past most of its lease (after a long flood-control wait) may
        # be claimed again meanwhile: leave it to the next claim rather than risk sending it twice.
        send_by = claimed_at + 0.8 * self._lease_s
        for notice in notices:
            if self._stopping or self._clock() + self._throttle.delay(notice.chat_id) > send_by:
                return
            await self._deliver(notice)

    async def _deliver(self, notice: NotificationView) -> None:
        try:
            # Rendering may search the knowledge base and touch the database: a worker thread too.
            reply = await asyncio.to_thread(self._render, notice)
            await send_reply(self._bot, self._throttle, reply, notice.chat_id, lang=notice.lang)
        except Exception as exc:
            await self._settle_failure(notice, exc)
        else:
            await asyncio.to_thread(self._outbox.mark_delivered, notification_id=notice.id)

    async def _settle_failure(self, notice: NotificationView, error: Exception) -> None:
        fate = self._policy.after(error, notice.attempts)
        if isinstance(fate, GiveUp):
            log.warning("notice %s to chat %s undeliverable: %s", notice.id, notice.chat_id, fate.reason)
            await asyncio.to_thread(
                self._outbox.mark_undeliverable, notification_id=notice.id, reason=fate.reason
            )
            return
        # Network and Telegram failures are routine (one line); anything else is a bug (a traceback).
        routine = isinstance(error, TelegramError)
        log.log(
            logging.WARNING if routine else logging.ERROR,
            "notice %s: attempt %s failed (%s); retry in %.0f s",
            notice.id, notice.attempts, fate.error, fate.delay_s, exc_info=not routine,
        )
        await asyncio.to_thread(
            self._outbox.mark_retry, notification_id=notice.id, error=fate.error, delay_s=fate.delay_s
        )

