"""The inbox of channels keyed by text (WeCom's callbacks): stored once, held by its receiver, taken up by
one claimer once the lease runs out, given up after repeated deaths, pruned with Telegram's updates by the
same periodic job; and the numbered choices a member was shown, kept for any replica."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, text

from bot.tracker.origin import acting_for
from bot.tracker.service import Tracker
from tests.fakes.clock import FakeClock
from tests.tracker.scene import People


def _stored(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as connection:
        return {(row[0], row[1]) for row in connection.execute(text("SELECT channel, key FROM channel_inbox"))}


def test_a_callback_is_stored_once_and_held_by_its_receiver(tracker: Tracker, clock: FakeClock) -> None:
    assert tracker.receive_message(channel="wecom", key="msg:1", payload="<xml>1</xml>", lease_s=60) is True
    assert tracker.receive_message(channel="wecom", key="msg:1", payload="<xml>again</xml>", lease_s=60) is False
    assert tracker.receive_message(channel="other", key="msg:1", payload="<xml/>", lease_s=60) is True  # per channel
    assert tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=60, max_attempts=3) == []


def test_a_callback_whose_handler_died_is_taken_up_by_one_claimer(tracker: Tracker, clock: FakeClock) -> None:
    tracker.receive_message(channel="wecom", key="msg:5", payload="<a/>", lease_s=30)
    clock.advance(seconds=1)
    tracker.receive_message(channel="wecom", key="msg:6", payload="<b/>", lease_s=30)
    tracker.receive_message(channel="wecom", key="msg:7", payload="<c/>", lease_s=30)
    tracker.receive_message(channel="other", key="msg:5", payload="<other/>", lease_s=30)
    tracker.mark_message_done(channel="wecom", key="msg:7")
    clock.advance(seconds=31)

    taken = tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=30, max_attempts=3)
    assert taken == [("msg:5", "<a/>"), ("msg:6", "<b/>")]  # oldest first; not the done one, not the other channel's
    assert tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=30, max_attempts=3) == []  # held again
    tracker.mark_message_done(channel="wecom", key="msg:5")
    clock.advance(seconds=31)
    assert tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=30, max_attempts=3) == [("msg:6", "<b/>")]


def test_a_callback_that_keeps_killing_its_handler_is_given_up(tracker: Tracker, clock: FakeClock) -> None:
    tracker.receive_message(channel="wecom", key="msg:9", payload="<x/>", lease_s=10)  # attempt 1
    for _ in range(2):  # attempts 2 and 3
        clock.advance(seconds=11)
        taken = tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=10, max_attempts=3)
        assert taken == [("msg:9", "<x/>")]
    clock.advance(seconds=11)
    assert tracker.claim_stale_messages(channel="wecom", limit=10, lease_s=10, max_attempts=3) == []
    assert tracker.receive_message(channel="wecom", key="msg:9", payload="<x/>", lease_s=10) is False  # still known


def test_pruning_forgets_old_handled_callbacks_and_keeps_fresh_and_pending_ones(
    tracker: Tracker, clock: FakeClock, engine: Engine
) -> None:
    tracker.receive_message(channel="wecom", key="old-done", payload="<a/>", lease_s=10)
    tracker.mark_message_done(channel="wecom", key="old-done")
    tracker.receive_message(channel="wecom", key="old-pending", payload="<b/>", lease_s=10)
    tracker.receive_updates(updates=[(1, "{}")], lease_s=10)
    tracker.mark_update_done(update_id=1)
    clock.advance(days=2)
    tracker.receive_message(channel="wecom", key="fresh-done", payload="<c/>", lease_s=10)
    tracker.mark_message_done(channel="wecom", key="fresh-done")

    assert tracker.prune_inbox(older_than=timedelta(days=1)) == 2  # Telegram's update 1 and old-done
    assert _stored(engine) == {("wecom", "old-pending"), ("wecom", "fresh-done")}
    assert tracker.receive_message(channel="wecom", key="old-done", payload="<a/>", lease_s=10) is True  # forgotten


def test_a_write_repeated_for_the_same_callback_happens_once(tracker: Tracker, people: People) -> None:
    items = []
    for _ in range(2):  # the first handling, then the one after its replica died
        with acting_for("wecom:msg:77"):
            items.append(tracker.raise_item(actor_id=people.alice, title="Fake toner", description="At the port"))
    assert items[0] == items[1]
    assert [item.id for item in tracker.queue(actor_id=people.officer)] == [items[0].id]


def test_numbered_choices_are_kept_replaced_and_forgotten(tracker: Tracker, people: People) -> None:
    user = people.alice
    assert tracker.numbered_choices(user_id=user) == []
    tracker.keep_numbered_choices(user_id=user, buttons=[("专利", "in:right_kind:patent"), ("跳过", "in:x:-")])
    assert tracker.numbered_choices(user_id=user) == [("专利", "in:right_kind:patent"), ("跳过", "in:x:-")]
    tracker.keep_numbered_choices(user_id=user, buttons=[("Edit", "in:edit:1")])  # another replica, next turn
    assert tracker.numbered_choices(user_id=user) == [("Edit", "in:edit:1")]
    tracker.keep_numbered_choices(user_id=user, buttons=[])
    assert tracker.numbered_choices(user_id=user) == []
