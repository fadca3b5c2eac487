"""Periodic jobs shared by replicas: one run per period, whoever claims first; the officers' daily digest."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.tracker.service import Tracker
from bot.tracker.values import NoticeKind
from tests.fakes.clock import FakeClock
from tests.tracker.scene import OFFICER_CHAT, People, drain

DAY = timedelta(hours=24)


def test_the_digest_tells_the_officers_how_far_the_list_is_from_zero(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    old = tracker.raise_item(actor_id=people.alice, title="old", description="d")
    clock.advance(days=6)  # its first response was due the next working day (Tue 3 Nov, 17:00 in Beijing)
    tracker.raise_item(actor_id=people.bob, title="new", description="d")
    taken = tracker.raise_item(actor_id=people.bob, title="taken", description="d")
    tracker.take(actor_id=people.officer, item_id=taken.id)
    done = tracker.raise_item(actor_id=people.bob, title="done", description="d")
    tracker.close(actor_id=people.officer, item_id=done.id, resolution="ok")
    drain(tracker)

    assert tracker.daily_digest(every=DAY)
    (digest,) = drain(tracker)
    assert digest.kind == NoticeKind.DAILY_DIGEST and digest.chat_id == OFFICER_CHAT
    # late by Wed, Thu and Fri: the weekend is not counted
    assert digest.payload == {
        "open": 2, "in_progress": 1, "overdue": 1, "oldest": [old.id], "late": [3], "with_due": 1, "on_time": 1,
    }


def test_one_digest_per_period_across_replicas(
    tracker: Tracker, engine: Engine, people: People, clock: FakeClock
) -> None:
    other_replica = Tracker(engine, officer_chat_id=OFFICER_CHAT, clock=clock)
    tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    assert tracker.daily_digest(every=DAY)
    assert not other_replica.daily_digest(every=DAY)
    clock.advance(hours=23)
    assert not other_replica.daily_digest(every=DAY) and not tracker.daily_digest(every=DAY)
    clock.advance(hours=1)
    assert other_replica.daily_digest(every=DAY)
    assert not tracker.daily_digest(every=DAY)
    assert [n.kind for n in drain(tracker)] == [NoticeKind.DAILY_DIGEST] * 2


def test_no_digest_at_zero_or_without_an_officers_chat(
    tracker: Tracker, engine: Engine, people: People, clock: FakeClock
) -> None:
    assert not tracker.daily_digest(every=DAY)  # the list is at zero
    tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    assert not Tracker(engine, officer_chat_id=None, clock=clock).daily_digest(every=DAY)
    assert drain(tracker) == []
