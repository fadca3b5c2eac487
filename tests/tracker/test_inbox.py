"""The inbox of Telegram updates and once-only writes: an update stored is handled, and handling it again
after a crash writes and notifies nothing twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from bot.tracker.errors import Conflict
from bot.tracker.inbox import PRUNE_LOCK
from bot.tracker.origin import acting_for
from bot.tracker.service import Tracker
from bot.tracker.values import Status
from tests.fakes.clock import FakeClock
from tests.tracker.scene import People, drain


def test_received_updates_are_stored_once_and_held_by_the_receiver(tracker: Tracker, clock: FakeClock) -> None:
    assert tracker.receive_updates(updates=[(11, '{"update_id": 11}'), (12, "{}")], lease_s=60) == [11, 12]
    # Telegram (or a webhook retry) sends 12 again with 13: only 13 is new.
    assert tracker.receive_updates(updates=[(12, "{}"), (13, "{}")], lease_s=60) == [13]
    assert tracker.receive_updates(updates=[], lease_s=60) == []
    assert tracker.inbox_pending_count() == 3
    assert tracker.claim_stale_updates(limit=10, lease_s=60, max_attempts=3) == []  # their receiver holds them
    # A poller starting takes them all: only one process polls, so their holder is gone.
    taken = tracker.claim_stale_updates(limit=2, lease_s=60, max_attempts=3, held_too=True)
    assert taken == [(11, '{"update_id": 11}'), (12, "{}")]


def test_an_update_whose_handler_died_is_recovered_by_one_claimer(tracker: Tracker, clock: FakeClock) -> None:
    tracker.receive_updates(updates=[(5, '{"a": 1}'), (6, '{"b": 2}')], lease_s=30)
    tracker.mark_update_done(update_id=6)
    clock.advance(seconds=31)
    assert tracker.claim_stale_updates(limit=10, lease_s=30, max_attempts=3) == [(5, '{"a": 1}')]
    assert tracker.claim_stale_updates(limit=10, lease_s=30, max_attempts=3) == []  # now held again
    tracker.mark_update_done(update_id=5)
    clock.advance(seconds=31)
    assert tracker.claim_stale_updates(limit=10, lease_s=30, max_attempts=3) == []
    assert tracker.inbox_pending_count() == 0


def test_an_update_that_keeps_killing_its_handler_is_given_up(tracker: Tracker, clock: FakeClock) -> None:
    tracker.receive_updates(updates=[(7, "{}")], lease_s=10)  # attempt 1
    for _ in range(2):  # attempts 2 and 3
        clock.advance(seconds=11)
        assert [u for u, _ in tracker.claim_stale_updates(limit=10, lease_s=10, max_attempts=3)] == [7]
    clock.advance(seconds=11)
    assert tracker.claim_stale_updates(limit=10, lease_s=10, max_attempts=3) == []
    assert tracker.inbox_pending_count() == 0


def test_pruning_forgets_only_old_handled_updates(tracker: Tracker, clock: FakeClock) -> None:
    tracker.receive_updates(updates=[(1, "{}"), (2, "{}")], lease_s=10)
    tracker.mark_update_done(update_id=1)
    clock.advance(days=2)
    tracker.receive_updates(updates=[(3, "{}")], lease_s=10)
    tracker.mark_update_done(update_id=3)
    assert tracker.prune_inbox(older_than=timedelta(days=1)) == 1
    assert tracker.receive_updates(updates=[(1, "{}"), (2, "{}"), (3, "{}")], lease_s=10) == [1]  # 2 pending, 3 kept


def test_a_write_repeated_for_the_same_update_happens_once(tracker: Tracker, people: People) -> None:
    with acting_for("tg:100"):
        first = tracker.raise_item(actor_id=people.alice, title="t", description="fake goods at Dalian")
        again = tracker.raise_item(actor_id=people.alice, title="t", description="fake goods at Dalian")
    assert again.id == first.id
    assert [i.id for i in tracker.my_items(actor_id=people.alice)] == [first.id]
    assert len(drain(tracker)) == 1  # one "new item" notice to the officers
    with acting_for("tg:101"):  # another update: another item
        assert tracker.raise_item(actor_id=people.alice, title="t", description="d").id != first.id


def test_an_officer_reply_and_close_replayed_after_a_crash_notify_once(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    drain(tracker)
    for _ in range(2):
        with acting_for("tg:200"):
            tracker.reply(actor_id=people.officer, item_id=item.id, text="Record it online.")
        with acting_for("tg:201"):
            closed = tracker.close(actor_id=people.officer, item_id=item.id, resolution="answered")
    assert closed.status == Status.RESOLVED
    assert [n.kind.value for n in drain(tracker)].count("officer_reply") == 1
    detail = tracker.item_detail(actor_id=people.bob, item_id=item.id)
    assert [e.event for e in detail.history].count("officer_reply") == 1
    # Without an origin (the terminal chat, the CLI) nothing is remembered: closing twice is a conflict.
    tracker.reopen(actor_id=people.officer, item_id=item.id)
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="again")
    with pytest.raises(Conflict):
        tracker.close(actor_id=people.officer, item_id=item.id, resolution="again")


def test_a_refused_write_is_not_remembered(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    with acting_for("tg:300"), pytest.raises(Exception) as refused:
        tracker.close_own(actor_id=people.alice, item_id=item.id)  # not hers
    with acting_for("tg:300"), pytest.raises(type(refused.value)):
        tracker.close_own(actor_id=people.alice, item_id=item.id)
    assert tracker.item_detail(actor_id=people.bob, item_id=item.id).item.status == Status.OPEN


def test_only_one_replica_prunes_at_a_time(tracker: Tracker, clock: FakeClock, engine: Engine, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("the job lock is PostgreSQL's advisory lock; SQLite serves one process")
    tracker.receive_updates(updates=[(1, "{}")], lease_s=10)
    tracker.mark_update_done(update_id=1)
    clock.advance(days=2)
    with engine.connect() as other_replica:
        other_replica.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PRUNE_LOCK})
        assert tracker.prune_inbox(older_than=timedelta(days=1)) == 0  # the other one is pruning
        other_replica.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PRUNE_LOCK})
    assert tracker.prune_inbox(older_than=timedelta(days=1)) == 1
