"""What officers and admins do with the list, what owners hear, and how far the list is from zero."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from bot.tracker.errors import Conflict, Forbidden, Invalid
from bot.tracker.service import Tracker
from bot.tracker.values import Category, NoticeKind, Status
from tests.fakes.clock import FakeClock
from tests.tracker.scene import People, drain


def raise_three(tracker: Tracker, people: People, clock: FakeClock) -> list[int]:
    """Three items an hour apart, oldest first: recordation (Alice), other (Bob), recordation (Bob)."""
    ids = []
    for owner, category in (
        (people.alice, "recordation"),
        (people.bob, "other"),
        (people.bob, "recordation"),
    ):
        ids.append(tracker.raise_item(actor_id=owner, title="t", description="d", category=category).id)
        clock.advance(hours=1)
    drain(tracker)
    return ids


def test_queue_is_ordered_by_the_next_due_time(tracker: Tracker, people: People, clock: FakeClock) -> None:
    """Taking is not answering: the oldest is still the first due; once answered, its resolution is due later."""
    oldest, middle, newest = raise_three(tracker, people, clock)
    tracker.take(actor_id=people.officer, item_id=oldest)
    assert [item.id for item in tracker.queue(actor_id=people.officer)] == [oldest, middle, newest]
    tracker.reply(actor_id=people.officer, item_id=oldest, text="On it")
    assert [item.id for item in tracker.queue(actor_id=people.officer)] == [middle, newest, oldest]
    assert [item.id for item in tracker.queue(actor_id=people.admin, limit=2)] == [middle, newest]


def test_queue_filters_by_category_and_leaves_out_finished_items(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    oldest, middle, newest = raise_three(tracker, people, clock)
    assert [item.id for item in tracker.queue(actor_id=people.officer, category="recordation")] == [
        oldest,
        newest,
    ]
    tracker.close(actor_id=people.officer, item_id=oldest, resolution="done")
    tracker.close_own(actor_id=people.bob, item_id=middle)
    assert [item.id for item in tracker.queue(actor_id=people.officer)] == [newest]
    with pytest.raises(Invalid):
        tracker.queue(actor_id=people.officer, category="nonsense")


def test_take_assigns_the_item_and_tells_the_owner_in_their_language(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    taken = tracker.take(actor_id=people.officer, item_id=item.id)
    assert (taken.status, taken.assignee_id, taken.assignee_name, taken.version) == (
        Status.IN_PROGRESS, people.officer, "Officer Oscar", 2,
    )  # fmt: skip
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (people.alice, NoticeKind.ITEM_TAKEN, "zh")
    assert notice.payload == {"item_id": item.id, "officer": "Officer Oscar"}


def test_taking_an_item_again_changes_nothing_but_another_officers_is_a_conflict(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    drain(tracker)
    assert tracker.take(actor_id=people.officer, item_id=item.id).version == 2
    assert drain(tracker) == []
    with pytest.raises(Conflict):
        tracker.take(actor_id=people.officer2, item_id=item.id)


def test_reply_takes_an_unassigned_item_and_tells_the_owner(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    drain(tracker)
    replied = tracker.reply(actor_id=people.officer2, item_id=item.id, text="Please send the invoice.")
    assert (replied.status, replied.assignee_id) == (Status.IN_PROGRESS, people.officer2)
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (people.bob, NoticeKind.OFFICER_REPLY, "en")
    assert notice.payload == {
        "item_id": item.id,
        "text": "Please send the invoice.",
        "officer": "Officer Olga",
    }


def test_another_officer_may_reply_without_taking_the_item_over(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    assert tracker.reply(actor_id=people.admin, item_id=item.id, text="Noted.").assignee_id == people.officer


def test_close_resolves_the_item_and_sends_the_resolution(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    clock.advance(hours=5)
    closed = tracker.close(
        actor_id=people.officer, item_id=item.id, resolution="已备案。", expected_version=1
    )
    assert (closed.status, closed.resolution, closed.closed_at, closed.assignee_id) == (
        Status.RESOLVED, "已备案。", clock.now, people.officer,
    )  # fmt: skip
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (people.alice, NoticeKind.ITEM_CLOSED, "zh")
    assert notice.payload == {"item_id": item.id, "resolution": "已备案。"}


def test_closing_with_a_stale_version_is_a_conflict_and_changes_nothing(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.follow_up(actor_id=people.alice, item_id=item.id, text="the owner wrote meanwhile")
    drain(tracker)
    with pytest.raises(Conflict) as error:
        tracker.close(actor_id=people.officer, item_id=item.id, resolution="done", expected_version=1)
    assert error.value.params == {"item_id": item.id}
    assert tracker.item_detail(actor_id=people.officer, item_id=item.id).item.status == Status.OPEN
    assert drain(tracker) == []


@pytest.mark.parametrize("first_close", ["officer", "owner"])
def test_closing_an_already_closed_item_is_a_conflict(
    tracker: Tracker, people: People, first_close: str
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    if first_close == "officer":
        tracker.close(actor_id=people.officer, item_id=item.id, resolution="first")
    else:
        tracker.close_own(actor_id=people.alice, item_id=item.id)
    with pytest.raises(Conflict):
        tracker.close(actor_id=people.officer2, item_id=item.id, resolution="second")


def test_an_empty_resolution_is_invalid(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    with pytest.raises(Invalid) as error:
        tracker.close(actor_id=people.officer, item_id=item.id, resolution="  ")
    assert error.value.params["field"] == "resolution"


def test_officer_reopens_a_resolved_item_and_the_owner_and_the_holder_hear(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="done")
    drain(tracker)
    reopened = tracker.reopen(actor_id=people.officer2, item_id=item.id)
    assert (reopened.status, reopened.closed_at, reopened.resolution) == (Status.IN_PROGRESS, None, None)
    told = {notice.chat_id: (notice.kind, notice.payload) for notice in drain(tracker)}
    assert told == {
        people.alice: (NoticeKind.ITEM_REOPENED, {"item_id": item.id}),
        people.officer: (NoticeKind.ITEM_REOPENED, {"item_id": item.id, "by": "Officer Olga"}),
    }
    with pytest.raises(Invalid):
        tracker.reopen(actor_id=people.officer, item_id=item.id)


def test_reassign_hands_the_item_to_another_officer_who_hears_of_it(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    drain(tracker)
    moved = tracker.reassign(actor_id=people.officer, item_id=item.id, officer_id=people.officer2)
    assert (moved.assignee_id, moved.status) == (people.officer2, Status.IN_PROGRESS)
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.payload) == (
        people.officer2, NoticeKind.ITEM_REASSIGNED, {"item_id": item.id},
    )  # fmt: skip


@pytest.mark.parametrize("target", ["bob", "stranger"])
def test_reassigning_to_someone_who_is_not_an_officer_is_invalid(
    tracker: Tracker, people: People, target: str
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    with pytest.raises(Invalid) as error:
        tracker.reassign(actor_id=people.officer, item_id=item.id, officer_id=getattr(people, target))
    assert error.value.params["field"] == "officer_id"


def test_an_officers_own_item_sends_them_no_notice_about_it(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.officer, title="t", description="d")
    drain(tracker)
    tracker.reply(actor_id=people.officer, item_id=item.id, text="note to self")
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="done")
    assert drain(tracker) == []


def test_stats_measure_the_distance_to_zero(tracker: Tracker, people: People, clock: FakeClock) -> None:
    tracker.raise_item(actor_id=people.alice, title="old", description="d", category="recordation")
    clock.advance(days=3)
    fast = tracker.raise_item(actor_id=people.bob, title="fast", description="d", category="other_ports")
    slow = tracker.raise_item(actor_id=people.bob, title="slow", description="d", category="other_ports")
    withdrawn = tracker.raise_item(actor_id=people.alice, title="w", description="d")
    clock.advance(hours=2)
    tracker.close(actor_id=people.officer, item_id=fast.id, resolution="done")  # 2 h
    tracker.close_own(actor_id=people.alice, item_id=withdrawn.id)  # 2 h
    clock.advance(hours=10)
    tracker.take(actor_id=people.officer, item_id=slow.id)
    clock.advance(days=3)
    stats = tracker.stats(actor_id=people.officer)
    assert (stats.open, stats.in_progress, stats.resolved, stats.closed, stats.total) == (1, 1, 1, 1, 4)
    assert (stats.distance_to_zero, stats.cleared_percent, stats.median_hours_to_close) == (2, 50.0, 2.0)
    # Both past their first response, due the next working day and never answered (taking is not answering)
    assert stats.overdue == 2
    # `fast`; `withdrawn` is no resolution
    assert (stats.with_due, stats.on_time, stats.on_time_percent) == (1, 1, 100.0)
    assert stats.by_category == {c.value: 0 for c in Category} | {
        "recordation": 1,
        "other_ports": 2,
        "other": 1,
    }
    assert stats.open_by_category == {c.value: 0 for c in Category} | {"recordation": 1, "other_ports": 1}
    assert stats.waiting_by_category == {c.value: 0 for c in Category} | {"recordation": 1}
    assert stats.in_progress_by_category == {c.value: 0 for c in Category} | {"other_ports": 1}


def test_median_hours_to_close_of_an_even_count_is_the_mean_of_the_middle_two(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    items = [tracker.raise_item(actor_id=people.bob, title=str(n), description="d").id for n in range(4)]
    for item_id in items:  # closed after 1, 2, 3 and 4 hours
        clock.advance(hours=1)
        tracker.close(actor_id=people.officer, item_id=item_id, resolution="done")
    assert tracker.stats(actor_id=people.admin).median_hours_to_close == 2.5


def test_stats_of_an_empty_list_say_it_is_cleared(tracker: Tracker, people: People) -> None:
    stats = tracker.stats(actor_id=people.officer)
    assert (stats.total, stats.distance_to_zero, stats.cleared_percent, stats.median_hours_to_close) == (
        0, 0, 100.0, None,
    )  # fmt: skip


def test_export_writes_every_item_and_defuses_spreadsheet_formulas(tracker: Tracker, people: People) -> None:
    tracker.raise_item(actor_id=people.alice, title='=HYPERLINK("http://evil")', description="-2+3")
    closed = tracker.raise_item(actor_id=people.bob, title="Ordinary, with a comma", description="多行\n描述")
    tracker.close(actor_id=people.officer, item_id=closed.id, resolution="@done")
    out = io.StringIO()
    assert tracker.export_csv(out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["title"] for row in rows] == ['\'=HYPERLINK("http://evil")', "Ordinary, with a comma"]
    assert (rows[0]["description"], rows[1]["description"], rows[1]["resolution"]) == (
        "'-2+3",
        "多行\n描述",
        "'@done",
    )
    assert (rows[1]["owner_id"], rows[1]["enterprise"], rows[1]["status"]) == (
        str(people.bob),
        "Brand Holder Ltd",
        "resolved",
    )
    assert tracker.export_csv(io.StringIO(), actor_id=people.admin) == 2


@pytest.mark.parametrize(
    "act",
    [
        lambda t, actor, item: t.take(actor_id=actor, item_id=item),
        lambda t, actor, item: t.reply(actor_id=actor, item_id=item, text="mine now?"),
        lambda t, actor, item: t.close(actor_id=actor, item_id=item, resolution="done"),
    ],
    ids=["take", "reply", "close"],
)
def test_take_reply_and_close_refuse_an_item_another_officer_holds_naming_the_holder(
    tracker: Tracker, people: People, act: Any
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    drain(tracker)
    with pytest.raises(Conflict) as error:
        act(tracker, people.officer2, item.id)
    assert (error.value.params["holder"], error.value.params["holder_id"]) == ("Officer Oscar", people.officer)
    assert drain(tracker) == [] and tracker.item_detail(actor_id=people.admin, item_id=item.id).item.version == 2
    act(tracker, people.admin, item.id)  # an admin may act on any item


def test_officer_reopen_keeps_the_reason_and_the_owner_hears_it(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="done")
    drain(tracker)
    reopened = tracker.reopen(actor_id=people.officer, item_id=item.id, reason="the invoice was wrong")
    assert reopened.status == Status.IN_PROGRESS  # the closing officer still holds it
    (notice,) = drain(tracker)
    assert notice.payload == {"item_id": item.id, "reason": "the invoice was wrong"}
    last = tracker.item_detail(actor_id=people.bob, item_id=item.id).history[-1]
    assert (last.text, last.to_status) == ("the invoice was wrong", Status.IN_PROGRESS)


def test_held_items_and_an_owners_open_items(tracker: Tracker, people: People) -> None:
    first = tracker.raise_item(actor_id=people.bob, title="first", description="d")
    second = tracker.raise_item(actor_id=people.bob, title="second", description="d")
    done = tracker.raise_item(actor_id=people.bob, title="done", description="d")
    tracker.raise_item(actor_id=people.alice, title="alice's", description="d")
    tracker.take(actor_id=people.officer, item_id=second.id)
    tracker.take(actor_id=people.officer, item_id=done.id)
    tracker.close(actor_id=people.officer, item_id=done.id, resolution="ok")
    assert [i.id for i in tracker.held_items(actor_id=people.officer)] == [second.id]
    assert tracker.held_items(actor_id=people.officer2) == []
    owned = tracker.open_items_of_owner(actor_id=people.officer2, owner_id=people.bob)
    assert [i.id for i in owned] == [first.id, second.id]
    with pytest.raises(Forbidden):
        tracker.held_items(actor_id=people.bob)
    with pytest.raises(Forbidden):
        tracker.open_items_of_owner(actor_id=people.bob, owner_id=people.bob)
