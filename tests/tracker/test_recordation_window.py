"""/stats counts a recordation as expiring soon exactly when its renewal reminders are due: the window opens six
calendar months before the last day (not 183 days), and both read it from one definition."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.fakes.clock import FakeClock
from tests.fakes.fake_services import real_tracker

ALICE = 5_000_000_001
OSCAR = 6_000_000_001
DAY = dt.timedelta(days=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 5, 2, 0, tzinfo=UTC))


@pytest.fixture
def tracker(tmp_path: Path, clock: FakeClock) -> Tracker:
    tracker = real_tracker(tmp_path, clock=clock)
    tracker.ensure_user(user_id=ALICE, name="Alice")
    tracker.ensure_user(user_id=OSCAR, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=OSCAR, role=Role.OFFICER)
    return tracker


# (today in Beijing, the last expiry whose renewal window has opened): 183 days would say 31 Aug, 2 Mar, 30 Aug
BOUNDARIES = [
    ((2026, 3, 1), dt.date(2026, 9, 1)),
    ((2026, 8, 31), dt.date(2027, 2, 28)),  # February has no 31st: the window of 28 Feb opened on 28 Aug
    ((2026, 2, 28), dt.date(2026, 8, 31)),  # 28 Feb is the month's end: 28 to 31 Aug all open today
]


@pytest.mark.parametrize(("today", "last_open"), BOUNDARIES)
def test_stats_count_a_recordation_as_expiring_exactly_when_its_renewal_window_is_open(
    tracker: Tracker, clock: FakeClock, today: tuple[int, int, int], last_open: dt.date
) -> None:
    clock.set_beijing(*today)
    inside = tracker.add_recordation(actor_id=ALICE, number="T2019-00001", right_kind="trademark", expires=last_open)
    tracker.add_recordation(actor_id=ALICE, number="T2019-00002", right_kind="trademark", expires=last_open + DAY)
    assert inside.renewal_opens <= dt.date(*today) < tracker.recordations(actor_id=ALICE)[1].renewal_opens
    assert tracker.stats(actor_id=OSCAR).expiring_recordations == 1
    assert tracker.send_reminders() == 1  # the reminder "the renewal window is open" for the same one only


def test_the_last_day_is_counted_and_the_day_after_is_not(tracker: Tracker, clock: FakeClock) -> None:
    clock.set_beijing(2026, 3, 1)
    tracker.add_recordation(actor_id=ALICE, number="T2019-00001", right_kind="trademark", expires=dt.date(2026, 3, 1))
    tracker.add_recordation(actor_id=ALICE, number="T2019-00002", right_kind="trademark", expires=dt.date(2026, 2, 28))
    assert tracker.stats(actor_id=OSCAR).expiring_recordations == 1
