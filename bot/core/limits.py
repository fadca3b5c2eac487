"""Per-user rate limits on questions and new items: token buckets kept in this process's memory.

The buckets live in memory, per process: a restart forgets them and each replica counts on its own, so
with N replicas a user gets up to N times the limit. That is acceptable: the limits stop a flood (a stuck
client, a script, someone pasting in a loop) from burning the embedding model and filling the officers'
list, not a determined attacker with many accounts. Officers and admins are never limited (the caller
checks the role).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class LimitSettings(Protocol):
    """The two settings the limiter reads (bot.config.Settings has them; the core never imports it)."""

    @property
    def questions_per_minute(self) -> int: ...

    @property
    def items_per_10_minutes(self) -> int: ...


@dataclass(frozen=True)
class Quota:
    """`count` actions per `period_s`, all of them at once if saved up (the burst); 0 means no limit."""

    count: int
    period_s: float

    @property
    def unlimited(self) -> bool:
        return self.count <= 0


@dataclass
class _Bucket:
    tokens: float
    at: float


# Follow-ups ("/followup", "Add to #N", the follow-up step) and an enterprise's closes and reopens: enough for
# any real conversation about an item, few enough that a script cannot bury the officers' queue in notices.
FOLLOWUPS_PER_10_MINUTES = 10
STATUS_CHANGES_PER_10_MINUTES = 6

# Buckets untouched this long are full again anyway; forgetting them keeps memory flat.
_FORGET_AFTER_PERIODS = 2


class RateLimiter:
    """Token buckets per (user, kind of action); thread-safe, the clock injectable for tests."""

    def __init__(
        self,
        *,
        questions_per_minute: int = 20,
        items_per_10_minutes: int = 5,
        followups_per_10_minutes: int = FOLLOWUPS_PER_10_MINUTES,
        status_changes_per_10_minutes: int = STATUS_CHANGES_PER_10_MINUTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quotas = {
            "question": Quota(questions_per_minute, 60.0),
            "item": Quota(items_per_10_minutes, 600.0),
            # Each of these is a notice in the officers' queue (or to the item's officer) and a history row.
            "followup": Quota(followups_per_10_minutes, 600.0),
            "status": Quota(status_changes_per_10_minutes, 600.0),  # an enterprise's /close and /reopen
        }
        self._clock = clock
        self._buckets: dict[tuple[str, int], _Bucket] = {}
        self._lock = threading.Lock()  # the Telegram channel runs the core in worker threads
        self._last_sweep = clock()

    @classmethod
    def from_settings(cls, settings: LimitSettings) -> RateLimiter:
        return cls(
            questions_per_minute=settings.questions_per_minute,
            items_per_10_minutes=settings.items_per_10_minutes,
        )

    def take(self, kind: str, user_id: int) -> float:
        """Spend one `kind` action of `user_id`: 0.0 when allowed, else the seconds until one is free
        (a refused attempt spends nothing)."""
        quota = self.quotas[kind]
        if quota.unlimited:
            return 0.0
        rate = quota.count / quota.period_s
        with self._lock:
            now = self._clock()
            self._sweep(now)
            bucket = self._buckets.get((kind, user_id)) or _Bucket(float(quota.count), now)
            bucket.tokens = min(float(quota.count), bucket.tokens + (now - bucket.at) * rate)
            bucket.at = now
            self._buckets[(kind, user_id)] = bucket
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate

    def _sweep(self, now: float) -> None:
        longest = max(q.period_s for q in self.quotas.values())
        if now - self._last_sweep < longest:
            return
        self._last_sweep = now
        horizon = longest * _FORGET_AFTER_PERIODS
        for key in [k for k, b in self._buckets.items() if now - b.at > horizon]:
            del self._buckets[key]


def wait_seconds(wait_s: float) -> int:
    return max(1, math.ceil(wait_s))


def wait_minutes(wait_s: float) -> int:
    return max(1, math.ceil(wait_s / 60))
