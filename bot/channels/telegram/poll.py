"""Long polling that confirms an update to Telegram only once it is stored in the inbox.

python-telegram-bot's own poller confirms a batch (the next getUpdates offset) as soon as it has queued it in
memory, so a crash loses every update fetched and not yet handled. This loop stores the batch first
(bot.channels.telegram.inbox) and moves the offset past it only then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from telegram import Bot, Update
from telegram.error import Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.channels.telegram.inbox import UpdateInbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollOptions:
    timeout_s: int = 30  # long-poll length
    backoff_s: float = 1.0  # first wait after a failed poll; doubles up to max_backoff_s
    max_backoff_s: float = 30.0


class Poller:
    """getUpdates in a loop until `stop` is set; every batch goes to the inbox before it is confirmed."""

    def __init__(self, bot: Bot, inbox: UpdateInbox, options: PollOptions | None = None) -> None:
        self.bot, self.inbox, self.options = bot, inbox, options or PollOptions()
        self.offset: int | None = None  # None: Telegram starts at the oldest unconfirmed update

    async def run(self, stop: asyncio.Event) -> None:
        # A webhook left registered (webhook mode, earlier) makes getUpdates fail; its pending updates stay.
        await self.bot.delete_webhook(drop_pending_updates=False)
        backoff = self.options.backoff_s
        while not stop.is_set():
            await self.inbox.room(stop)  # backpressure: the updates not fetched wait at Telegram
            try:
                updates = await self._poll(stop)
            except (InvalidToken, Forbidden):
                raise  # the token is wrong: no point in retrying
            except RetryAfter as exc:
                await _sleep(stop, _seconds(exc.retry_after))
                continue
            except (Conflict, NetworkError, TelegramError) as exc:
                # Conflict: another process polls with this token (or a webhook was set again meanwhile).
                log.warning("getUpdates failed (%s); again in %.0f s", exc, backoff)
                await _sleep(stop, backoff)
                backoff = min(backoff * 2, self.options.max_backoff_s)
                continue
            backoff = self.options.backoff_s
            if updates:
                await self.inbox.receive(updates)
                self.offset = updates[-1].update_id + 1  # confirmed by the next getUpdates
        await self._confirm()

    async def _confirm(self) -> None:
        """Tell Telegram on the way out that what was stored arrived (else it is sent again, and dropped)."""
        if self.offset is not None:
            with contextlib.suppress(TelegramError):
                await self.bot.get_updates(offset=self.offset, timeout=0, limit=1)

    async def _poll(self, stop: asyncio.Event) -> list[Update]:
        """One long poll, cut short (returning nothing, confirming nothing) when `stop` is set."""
        poll = asyncio.ensure_future(
            self.bot.get_updates(
                offset=self.offset, timeout=self.options.timeout_s, allowed_updates=Update.ALL_TYPES
            )
        )
        stopped = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({poll, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if poll not in done:
            poll.cancel()
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                await poll
            return []
        stopped.cancel()
        return list(poll.result())


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


def _seconds(value: object) -> float:
    """RetryAfter.retry_after is an int or a timedelta, depending on PTB's settings."""
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
