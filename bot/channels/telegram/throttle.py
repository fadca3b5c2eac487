"""Outbound rate limits: Telegram answers 429 above ~30 messages/s overall or ~1 message/s in one chat."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class TokenBucket:
    """A token bucket in its "theoretical arrival time" form (GCRA): instead of a token count it keeps the
    time the bucket will be full again, so several buckets can agree on one send time before any is used."""

    def __init__(self, rate: float, burst: int = 1) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self._interval = 1.0 / rate
        self._tolerance = (burst - 1) * self._interval
        self._tat = float("-inf")  # when the bucket is full again

    def earliest(self, now: float) -> float:
        """The first time at or after `now` when a token is available."""
        return max(now, self._tat - self._tolerance)

    def take(self, at: float) -> None:
        """Use one token at time `at` (at or after `earliest`)."""
        self._tat = max(self._tat, at) + self._interval

    def hold(self, until: float) -> None:
        """No token before `until` (Telegram said "retry after")."""
        self._tat = max(self._tat, until + self._tolerance)

    def idle(self, now: float) -> bool:
        """Full again: forgetting the bucket changes nothing."""
        return self._tat <= now


class Throttle:
    """One bucket for the whole bot and one per chat; `wait(chat_id)` returns when a message may go."""

    def __init__(
        self,
        *,
        overall_rate: float = 30.0,
        chat_rate: float = 1.0,
        # Telegram tolerates short bursts in a chat; 3 lets a question's answer plus its follow-up
        # go out at once while the sustained rate stays at `chat_rate`.
        chat_burst: int = 3,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = 10_000,
    ) -> None:
        self._overall = TokenBucket(overall_rate)
        self._chat_rate, self._chat_burst = chat_rate, chat_burst
        self._chats: dict[int, TokenBucket] = {}
        self._clock = clock
        self._max_chats = max_chats

    def delay(self, chat_id: int) -> float:
        """How long a message to `chat_id` would wait now (nothing is booked)."""
        now = self._clock()
        chat = self._chats.get(chat_id)
        at = max(self._overall.earliest(now), chat.earliest(now) if chat else now)
        return at - now

    def reserve(self, chat_id: int) -> float:
        """Book the next slot for a message to `chat_id`; returns how long to wait for it (seconds)."""
        now = self._clock()
        chat = self._chats.get(chat_id)
        if chat is None:
            self._forget_idle(now)
            chat = self._chats[chat_id] = TokenBucket(self._chat_rate, self._chat_burst)
        at = max(self._overall.earliest(now), chat.earliest(now))
        self._overall.take(at)
        chat.take(at)
        return at - now

    async def wait(self, chat_id: int) -> None:
        """Sleep until a message to `chat_id` may be sent."""
        delay = self.reserve(chat_id)
        if delay > 0:
            await asyncio.sleep(delay)

    def hold(self, seconds: float) -> None:
        """Send nothing for `seconds` (after a 429 with retry_after)."""
        self._overall.hold(self._clock() + seconds)

    def tracked_chats(self) -> int:
        return len(self._chats)

    def _forget_idle(self, now: float) -> None:
        # Bounded memory: a chat's bucket that refilled carries no information.
        if len(self._chats) >= self._max_chats:
            for chat_id in [c for c, b in self._chats.items() if b.idle(now)]:
                del self._chats[chat_id]
