"""The one fake clock of the tests: time that moves only when a test says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# Monday 2 November 2026, 17:00 in Beijing (the tracker tests' scene starts here).
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
# Where the monotonic reading starts: far from 0, as a real time.monotonic() is.
MONOTONIC_START = 1000.0


class FakeClock:
    """Called, a wall clock (an aware datetime: the tracker's `clock=`); `monotonic` is the matching seconds
    counter (the throttle's and the rate limiter's `clock=`). Both move only by `advance` or `set_beijing`."""

    def __init__(self, start: datetime = START) -> None:
        self.start = start
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return MONOTONIC_START + (self.now - self.start).total_seconds()

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move on by `seconds` and any timedelta fields (`clock.advance(60)`, `clock.advance(days=2)`)."""
        self.now += timedelta(seconds=seconds, **delta)

    def set_beijing(self, year: int, month: int, day: int, hour: int = 10) -> None:
        """Jump to `hour`:00 of that day in Beijing (UTC+8)."""
        self.now = datetime(year, month, day, hour, 0, tzinfo=UTC) - timedelta(hours=8)
