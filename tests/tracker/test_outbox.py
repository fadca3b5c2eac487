"""The durable outbox: a notice exists exactly when its event committed; claims lease, retries wait,
undeliverable notices stop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func
from sqlmodel import Session, col, select

from bot.tracker.errors import NotFound
from bot.tracker.models import Notification
from bot.tracker.service import Tracker
from bot.tracker.values import NoticeKind, Role, Status
from tests.fakes.clock import FakeClock
from tests.tracker.scene import OFFICER_CHAT, People, drain


def notify_three(tracker: Tracker, people: People) -> int:
    """Three pending notices (officer chat): item_created for three new items; returns the first item id."""
    first = tracker.raise_item(actor_id=people.alice, title="1", description="d").id
    tracker.raise_item(actor_id=people.alice, title="2", description="d")
    tracker.raise_item(actor_id=people.alice, title="3", description="d")
    return first


def test_claimed_notices_are_held_until_the_lease_ends(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    notify_three(tracker, people)
    first = tracker.claim_notifications(limit=2, lease_s=30)
    assert [n.payload["title"] for n in first] == ["1", "2"] and {n.attempts for n in first} == {1}
    assert [n.payload["title"] for n in tracker.claim_notifications(lease_s=30)] == ["3"]
    assert tracker.claim_notifications() == []
    assert tracker.pending_count() == 3  # claimed is still pending until delivered
    clock.advance(seconds=31)  # the sender holding them died
    again = tracker.claim_notifications()
    assert [n.id for n in again] == [n.id for n in first] + [again[2].id]
    assert {n.attempts for n in again} == {2}


def test_a_delivered_notice_is_done(tracker: Tracker, people: People, clock: FakeClock) -> None:
    notify_three(tracker, people)
    for notice in tracker.claim_notifications(limit=1, lease_s=5):
        tracker.mark_delivered(notification_id=notice.id)
    assert tracker.pending_count() == 2
    clock.advance(seconds=10)
    assert [n.payload["title"] for n in tracker.claim_notifications()] == ["2", "3"]


def test_a_retried_notice_waits_for_its_delay(tracker: Tracker, people: People, clock: FakeClock) -> None:
    tracker.raise_item(actor_id=people.alice, title="t", description="d")
    (notice,) = tracker.claim_notifications()
    tracker.mark_retry(notification_id=notice.id, error="429 Too Many Requests: retry after 20", delay_s=20)
    assert tracker.claim_notifications() == []
    clock.advance(seconds=19)
    assert tracker.claim_notifications() == []
    clock.advance(seconds=1)
    (again,) = tracker.claim_notifications()
    assert (again.id, again.attempts) == (notice.id, 2)


def test_an_undeliverable_notice_is_never_claimed_again(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    tracker.raise_item(actor_id=people.alice, title="t", description="d")
    (notice,) = tracker.claim_notifications()
    tracker.mark_undeliverable(notification_id=notice.id, reason="403 Forbidden: bot was blocked by the user")
    clock.advance(days=30)
    assert tracker.claim_notifications() == [] and tracker.pending_count() == 0


def test_marking_an_unknown_notice_is_not_found(tracker: Tracker) -> None:
    with pytest.raises(NotFound):
        tracker.mark_delivered(notification_id=999)
    with pytest.raises(NotFound):
        tracker.mark_retry(notification_id=999, error="x", delay_s=1)
    with pytest.raises(NotFound):
        tracker.mark_undeliverable(notification_id=999, reason="x")


def test_notices_keep_large_and_negative_chat_ids_and_chinese_text(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="商标侵权", description="描述")
    tracker.reply(actor_id=people.officer, item_id=item.id, text="请提供发票 ✅")
    created, replied = drain(tracker)
    assert (created.chat_id, created.payload["title"]) == (OFFICER_CHAT, "商标侵权")
    assert (replied.chat_id, replied.payload["text"], replied.lang) == (people.alice, "请提供发票 ✅", "zh")


@contextmanager
def failing_commits() -> Iterator[list[int]]:
    """Every commit fails after its rows were written; yields how many undelivered notices each failed
    transaction held (the tests drain the outbox first, so: the notices of the event that failed)."""
    held: list[int] = []

    def fail(session: Session) -> None:
        session.flush()
        undelivered = (
            select(func.count()).select_from(Notification).where(col(Notification.delivered_at).is_(None))
        )
        held.append(session.exec(undelivered).one())
        raise RuntimeError("disk full")

    event.listen(Session, "before_commit", fail)
    try:
        yield held
    finally:
        event.remove(Session, "before_commit", fail)


# The event that each kind of notice reports, done to an open item nobody holds.
EVENTS: dict[NoticeKind, Any] = {
    NoticeKind.ITEM_CREATED: lambda t, p, item: t.raise_item(actor_id=p.alice, title="t", description="d"),
    NoticeKind.ITEM_TAKEN: lambda t, p, item: t.take(actor_id=p.officer, item_id=item),
    NoticeKind.OFFICER_REPLY: lambda t, p, item: t.reply(actor_id=p.officer, item_id=item, text="r"),
    NoticeKind.FOLLOW_UP: lambda t, p, item: t.follow_up(actor_id=p.alice, item_id=item, text="f"),
    NoticeKind.ITEM_CLOSED: lambda t, p, item: t.close(actor_id=p.officer, item_id=item, resolution="done"),
    NoticeKind.ITEM_REASSIGNED: lambda t, p, item: t.reassign(
        actor_id=p.officer, item_id=item, officer_id=p.officer2
    ),
    NoticeKind.ROLE_GRANTED: lambda t, p, item: t.grant_role(actor_id=p.admin, user_id=p.bob, role="officer"),
}


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_an_event_that_fails_to_commit_leaves_no_notice_behind(
    tracker: Tracker, people: People, kind: NoticeKind
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d").id
    drain(tracker)
    with failing_commits() as held, pytest.raises(RuntimeError, match="disk full"):
        EVENTS[kind](tracker, people, item)
    assert held == [1]  # the notice was written, inside the transaction that failed
    assert tracker.pending_count() == 0
    detail = tracker.item_detail(actor_id=people.officer, item_id=item)
    assert (detail.item.version, detail.item.status, len(detail.history)) == (1, Status.OPEN, 1)
    assert len(tracker.my_items(actor_id=people.alice)) == 1
    assert tracker.get_user(user_id=people.bob).role == Role.ENTERPRISE  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_every_committed_event_carries_its_notice(tracker: Tracker, people: People, kind: NoticeKind) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d").id
    drain(tracker)
    EVENTS[kind](tracker, people, item)
    (notice,) = drain(tracker)
    assert notice.kind == kind
