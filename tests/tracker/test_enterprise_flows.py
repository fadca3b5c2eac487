"""What an enterprise does with its own items, and who hears of it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bot.tracker.errors import Conflict, Invalid
from bot.tracker.service import Tracker
from bot.tracker.values import Category, EventKind, ItemKind, NoticeKind, Status
from tests.fakes.clock import FakeClock
from tests.tracker.scene import OFFICER_CHAT, People, drain


def test_raising_a_problem_puts_it_on_the_list_and_tells_the_officer_chat(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(
        actor_id=people.alice,
        title="假冒商标",
        description="在上海口岸发现假冒货物",
        category="infringement_clue",
    )
    assert (item.status, item.kind, item.category, item.version) == (
        Status.OPEN, ItemKind.PROBLEM, Category.INFRINGEMENT_CLUE, 1,
    )  # fmt: skip
    assert (item.owner_id, item.owner_name, item.enterprise_name, item.assignee_id) == (
        people.alice, "Alice Wang", "Acme Trading", None,
    )  # fmt: skip
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (OFFICER_CHAT, NoticeKind.ITEM_CREATED, "en")
    assert notice.payload == {
        "item_id": item.id, "kind": "problem", "category": "infringement_clue", "title": "假冒商标",
        "description": "在上海口岸发现假冒货物", "enterprise": "Acme Trading", "owner_name": "Alice Wang",
    }  # fmt: skip


def test_an_unanswered_question_becomes_an_escalation(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(
        actor_id=people.carol, title="How long is a recordation valid?", description="...", kind="escalation"
    )
    assert (item.kind, item.category, item.enterprise_name) == (ItemKind.ESCALATION, Category.OTHER, None)
    assert drain(tracker)[0].payload["kind"] == "escalation"


def test_without_an_officer_chat_a_new_item_writes_no_notice(engine: Engine, people: People) -> None:
    quiet = Tracker(engine)
    quiet.raise_item(actor_id=people.alice, title="t", description="d")
    assert quiet.pending_count() == 0


def test_my_items_lists_only_the_owners_items_newest_first(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    first = tracker.raise_item(actor_id=people.alice, title="first", description="d")
    clock.advance(minutes=1)
    tracker.raise_item(actor_id=people.bob, title="bob's", description="d")
    clock.advance(minutes=1)
    second = tracker.raise_item(actor_id=people.alice, title="second", description="d")
    assert [item.id for item in tracker.my_items(actor_id=people.alice)] == [second.id, first.id]


def test_open_items_of_leaves_out_closed_items(tracker: Tracker, people: People) -> None:
    kept = tracker.raise_item(actor_id=people.alice, title="kept", description="d")
    gone = tracker.raise_item(actor_id=people.alice, title="gone", description="d")
    tracker.close_own(actor_id=people.alice, item_id=gone.id)
    assert [item.id for item in tracker.open_items_of(actor_id=people.alice)] == [kept.id]


def test_latest_open_item_is_the_own_open_one_changed_last(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    assert tracker.latest_open_item(actor_id=people.alice) is None
    older = tracker.raise_item(actor_id=people.alice, title="older", description="d")
    clock.advance(minutes=1)
    newer = tracker.raise_item(actor_id=people.alice, title="newer", description="d")
    clock.advance(minutes=1)
    tracker.raise_item(actor_id=people.bob, title="bob's, later", description="d")
    assert tracker.latest_open_item(actor_id=people.alice) == newer.id
    clock.advance(minutes=1)
    tracker.follow_up(actor_id=people.alice, item_id=older.id, text="more")
    assert tracker.latest_open_item(actor_id=people.alice) == older.id  # touched last
    tracker.close_own(actor_id=people.alice, item_id=older.id)
    assert tracker.latest_open_item(actor_id=people.alice) == newer.id  # closed ones are left out


def test_follow_up_reaches_the_officer_chat_while_nobody_holds_the_item(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    after = tracker.follow_up(actor_id=people.alice, item_id=item.id, text="补充：货值约10万元")
    assert after.version == 2
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (OFFICER_CHAT, NoticeKind.FOLLOW_UP, "en")
    assert notice.payload == {"item_id": item.id, "text": "补充：货值约10万元", "owner_name": "Alice Wang"}


def test_follow_up_reaches_the_assigned_officer_in_their_language(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    tracker.set_language(user_id=people.officer, language="zh")
    drain(tracker)
    tracker.follow_up(actor_id=people.bob, item_id=item.id, text="more")
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.lang) == (people.officer, NoticeKind.FOLLOW_UP, "zh")


@pytest.mark.parametrize("finish", ["close_own", "officer_close"])
def test_follow_up_on_a_finished_item_is_invalid(tracker: Tracker, people: People, finish: str) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    if finish == "close_own":
        tracker.close_own(actor_id=people.alice, item_id=item.id)
    else:
        tracker.close(actor_id=people.officer, item_id=item.id, resolution="done")
    with pytest.raises(Invalid) as error:
        tracker.follow_up(actor_id=people.alice, item_id=item.id, text="one more thing")
    assert error.value.params["field"] == "status"
    assert error.value.params["item_id"] == item.id


def test_owner_closes_and_reopens_an_item_nobody_took(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    drain(tracker)
    clock.advance(hours=2)
    closed = tracker.close_own(actor_id=people.alice, item_id=item.id)
    assert (closed.status, closed.closed_at) == (Status.CLOSED, clock.now)
    assert drain(tracker) == []
    reopened = tracker.reopen_own(actor_id=people.alice, item_id=item.id)
    assert (reopened.status, reopened.closed_at) == (Status.OPEN, None)
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind, notice.payload) == (
        OFFICER_CHAT,
        NoticeKind.ITEM_REOPENED,
        {"item_id": item.id},
    )


def test_owner_reopening_a_resolved_item_hands_it_back_to_its_officer(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="Recorded.")
    drain(tracker)
    reopened = tracker.reopen_own(actor_id=people.alice, item_id=item.id)
    assert (reopened.status, reopened.assignee_id, reopened.resolution) == (
        Status.IN_PROGRESS,
        people.officer,
        None,
    )
    (notice,) = drain(tracker)
    assert (notice.chat_id, notice.kind) == (people.officer, NoticeKind.ITEM_REOPENED)


def test_closing_an_already_closed_item_is_a_conflict(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.close_own(actor_id=people.alice, item_id=item.id)
    with pytest.raises(Conflict):
        tracker.close_own(actor_id=people.alice, item_id=item.id)


def test_reopening_an_open_item_is_invalid(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    with pytest.raises(Invalid):
        tracker.reopen_own(actor_id=people.alice, item_id=item.id)


def test_owner_recategorises_an_item_and_the_history_says_so(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    changed = tracker.set_category(actor_id=people.alice, item_id=item.id, category=Category.RECORDATION)
    assert (changed.category, changed.version) == (Category.RECORDATION, 2)
    unchanged = tracker.set_category(actor_id=people.alice, item_id=item.id, category="recordation")
    assert unchanged.version == 2
    history = tracker.item_detail(actor_id=people.alice, item_id=item.id).history
    assert [entry.event for entry in history] == [EventKind.CREATED, EventKind.CATEGORY_CHANGE]
    assert history[1].text == "other -> recordation"


def test_item_detail_tells_the_whole_story_with_names(
    tracker: Tracker, people: People, clock: FakeClock
) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    clock.advance(hours=1)
    tracker.reply(actor_id=people.officer, item_id=item.id, text="Which port?")
    clock.advance(hours=1)
    tracker.follow_up(actor_id=people.bob, item_id=item.id, text="Ningbo")
    clock.advance(hours=1)
    tracker.close(actor_id=people.officer, item_id=item.id, resolution="Detained.")
    detail = tracker.item_detail(actor_id=people.bob, item_id=item.id)
    steps = [(e.event, e.actor_name, e.text, e.from_status, e.to_status) for e in detail.history]
    assert steps == [
        (EventKind.CREATED, "Bob Li", None, None, Status.OPEN),
        (EventKind.ASSIGNED, "Officer Oscar", None, Status.OPEN, Status.IN_PROGRESS),
        (EventKind.OFFICER_REPLY, "Officer Oscar", "Which port?", None, None),
        (EventKind.FOLLOW_UP, "Bob Li", "Ningbo", None, None),
        (EventKind.STATUS_CHANGE, "Officer Oscar", "Detained.", Status.IN_PROGRESS, Status.RESOLVED),
    ]
    assert detail.item.status == Status.RESOLVED
    assert [entry.at for entry in detail.history] == sorted(entry.at for entry in detail.history)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"title": "", "description": "d"}, "title"),
        ({"title": "  \n ", "description": "d"}, "title"),
        ({"title": "x" * 201, "description": "d"}, "title"),
        ({"title": "t", "description": ""}, "description"),
        ({"title": "t", "description": "x" * 4001}, "description"),
        ({"title": "t", "description": "d", "category": "smuggling"}, "category"),
        ({"title": "t", "description": "d", "kind": "complaint"}, "kind"),
    ],
)
def test_bad_item_input_is_invalid_and_names_the_field(
    tracker: Tracker, people: People, arguments: dict[str, str], field: str
) -> None:
    with pytest.raises(Invalid) as error:
        tracker.raise_item(actor_id=people.alice, **arguments)
    assert error.value.params["field"] == field
    assert tracker.my_items(actor_id=people.alice) == []


def test_texts_at_the_limits_are_accepted(tracker: Tracker, people: People) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="题" * 200, description="述" * 4000)
    assert (len(item.title), len(item.description)) == (200, 4000)
    with pytest.raises(Invalid) as error:
        tracker.follow_up(actor_id=people.alice, item_id=item.id, text="x" * 4001)
    assert error.value.params == {"field": "text", "limit": 4000}
    assert "4000" in str(error.value)


def test_the_owner_closes_and_reopens_with_reasons_that_stay_in_the_history(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.bob, title="t", description="d")
    tracker.close_own(actor_id=people.bob, item_id=item.id, reason="duplicate of #1")
    drain(tracker)
    tracker.reopen_own(actor_id=people.bob, item_id=item.id, reason="not a duplicate after all")
    (notice,) = drain(tracker)
    assert notice.payload == {"item_id": item.id, "reason": "not a duplicate after all"}
    history = tracker.item_detail(actor_id=people.bob, item_id=item.id).history
    assert [(e.to_status, e.text) for e in history[-2:]] == [
        (Status.CLOSED, "duplicate of #1"),
        (Status.OPEN, "not a duplicate after all"),
    ]
