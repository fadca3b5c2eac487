"""The outbound throttle, on a hand-driven clock: ≤ 30 messages/s overall, ≤ 1/s per chat after a burst."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.channels.telegram import throttle as telegram_throttle
from bot.channels.telegram.throttle import Throttle, TokenBucket
from tests.fakes.clock import FakeClock


def send_times(throttle: Throttle, clock: FakeClock, chats: list[int]) -> list[float]:
    """When each message would go out if every sender waited as told (the clock does not move)."""
    return [clock.monotonic() + throttle.reserve(chat) for chat in chats]


def test_bucket_allows_its_burst_then_one_per_interval() -> None:
    bucket = TokenBucket(rate=2.0, burst=3)
    times = []
    for _ in range(6):
        at = bucket.earliest(0.0)
        bucket.take(at)
        times.append(at)
    assert times == [0.0, 0.0, 0.0, 0.5, 1.0, 1.5]


def test_bucket_refills_while_idle() -> None:
    bucket = TokenBucket(rate=1.0)
    bucket.take(0.0)
    assert bucket.earliest(0.2) == 1.0 and not bucket.idle(0.5)
    assert bucket.earliest(5.0) == 5.0 and bucket.idle(5.0)


def test_bucket_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate=0)


def test_one_chat_gets_a_burst_then_one_message_per_second() -> None:
    clock = FakeClock()
    throttle = Throttle(chat_rate=1.0, chat_burst=3, clock=clock.monotonic)
    times = [t - clock.monotonic() for t in send_times(throttle, clock, [7] * 6)]
    assert times == pytest.approx([0, 1 / 30, 2 / 30, 1.0, 2.0, 3.0])


def test_many_chats_share_thirty_messages_per_second() -> None:
    clock = FakeClock()
    throttle = Throttle(overall_rate=30.0, clock=clock.monotonic)
    times = send_times(throttle, clock, list(range(90)))
    assert times[-1] - times[0] == pytest.approx(89 / 30)
    in_any_second = max(sum(1 for t in times if start <= t < start + 1 - 1e-9) for start in times)
    assert in_any_second <= 30


def test_hold_delays_every_chat() -> None:
    clock = FakeClock()
    throttle = Throttle(clock=clock.monotonic)
    throttle.hold(5.0)
    assert throttle.reserve(1) == pytest.approx(5.0)
    assert throttle.reserve(2) == pytest.approx(5.0 + 1 / 30)


def test_idle_chats_are_forgotten_when_the_map_is_full() -> None:
    clock = FakeClock()
    throttle = Throttle(clock=clock.monotonic, max_chats=10)
    for chat in range(10):
        throttle.reserve(chat)
    clock.advance(60)
    throttle.reserve(99)
    assert throttle.tracked_chats() == 1


async def test_wait_sleeps_for_the_reserved_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sleeps asked for, recorded rather than timed: a busy machine cannot make this flaky."""
    clock = FakeClock()
    throttle = Throttle(chat_rate=10.0, chat_burst=1, clock=clock.monotonic)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(telegram_throttle, "asyncio", SimpleNamespace(sleep=sleep))
    for _ in range(3):
        await throttle.wait(7)
    assert slept == pytest.approx([0.1, 0.2])  # the first goes at once, then one per 0.1 s


def test_delay_peeks_without_booking() -> None:
    clock = FakeClock()
    throttle = Throttle(chat_rate=1.0, chat_burst=1, clock=clock.monotonic)
    assert throttle.delay(7) == 0
    throttle.reserve(7)
    assert throttle.delay(7) == pytest.approx(1.0) and throttle.delay(7) == pytest.approx(1.0)
    assert throttle.delay(8) == pytest.approx(1 / 30)
