"""The access rules, tried as attacks: an enterprise reaching for officer powers or for another enterprise's
items gets nothing, and cannot even learn that the item exists."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest

from bot.tracker.errors import Forbidden, NotFound, TrackerError
from bot.tracker.service import Tracker
from bot.tracker.values import Status
from tests.tracker.scene import MISSING_ITEM, People, drain

Attack = Callable[[Tracker, int, int], Any]

OFFICER_ONLY: dict[str, Attack] = {
    "queue": lambda t, actor, item: t.queue(actor_id=actor),
    "take": lambda t, actor, item: t.take(actor_id=actor, item_id=item),
    "reply": lambda t, actor, item: t.reply(actor_id=actor, item_id=item, text="fake answer"),
    "close": lambda t, actor, item: t.close(actor_id=actor, item_id=item, resolution="fake"),
    "reopen": lambda t, actor, item: t.reopen(actor_id=actor, item_id=item),
    "reassign": lambda t, actor, item: t.reassign(actor_id=actor, item_id=item, officer_id=actor),
    "stats": lambda t, actor, item: t.stats(actor_id=actor),
    "export_csv": lambda t, actor, item: t.export_csv(io.StringIO(), actor_id=actor),
}

OWNER_ONLY: dict[str, Attack] = {
    "item_detail": lambda t, actor, item: t.item_detail(actor_id=actor, item_id=item),
    "follow_up": lambda t, actor, item: t.follow_up(actor_id=actor, item_id=item, text="hello"),
    "close_own": lambda t, actor, item: t.close_own(actor_id=actor, item_id=item),
    "reopen_own": lambda t, actor, item: t.reopen_own(actor_id=actor, item_id=item),
    "set_category": lambda t, actor, item: t.set_category(
        actor_id=actor, item_id=item, category="recordation"
    ),
}


def failure(attack: Attack, tracker: Tracker, actor: int, item: int) -> TrackerError:
    with pytest.raises(TrackerError) as error:
        attack(tracker, actor, item)
    return error.value


@pytest.mark.parametrize("method", sorted(OFFICER_ONLY))
def test_an_enterprise_calling_an_officer_method_is_forbidden(
    tracker: Tracker, people: People, method: str
) -> None:
    own = tracker.raise_item(actor_id=people.alice, title="mine", description="d")
    others = tracker.raise_item(actor_id=people.bob, title="theirs", description="d")
    drain(tracker)
    for item_id in (own.id, others.id, MISSING_ITEM):
        assert isinstance(failure(OFFICER_ONLY[method], tracker, people.alice, item_id), Forbidden)
    assert drain(tracker) == []
    for item in (own, others):
        assert tracker.item_detail(actor_id=people.officer, item_id=item.id).item.version == 1


@pytest.mark.parametrize("method", sorted(OWNER_ONLY))
def test_another_enterprises_item_is_not_found_exactly_like_a_missing_one(
    tracker: Tracker, people: People, method: str
) -> None:
    for status in Status:  # whatever state it is in, the answer gives nothing away
        item = tracker.raise_item(actor_id=people.alice, title="secret", description="d")
        _bring_to(tracker, people, item.id, status)
        drain(tracker)
        foreign = failure(OWNER_ONLY[method], tracker, people.bob, item.id)
        missing = failure(OWNER_ONLY[method], tracker, people.bob, MISSING_ITEM)
        assert isinstance(foreign, NotFound) and type(foreign) is type(missing)
        assert str(foreign).replace(str(item.id), "N") == str(missing).replace(str(MISSING_ITEM), "N")
        assert foreign.params == {"what": "item", "id": item.id} and missing.params["id"] == MISSING_ITEM
        detail = tracker.item_detail(actor_id=people.alice, item_id=item.id)
        assert (detail.item.status, detail.item.category.value) == (status, "other")
        assert drain(tracker) == []


def _bring_to(tracker: Tracker, people: People, item_id: int, status: Status) -> None:
    if status == Status.IN_PROGRESS:
        tracker.take(actor_id=people.officer, item_id=item_id)
    elif status == Status.RESOLVED:
        tracker.close(actor_id=people.officer, item_id=item_id, resolution="done")
    elif status == Status.CLOSED:
        tracker.close_own(actor_id=people.alice, item_id=item_id)


def test_bad_input_on_another_enterprises_item_still_reads_not_found(
    tracker: Tracker, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="secret", description="d")
    with pytest.raises(NotFound):
        tracker.follow_up(actor_id=people.bob, item_id=item.id, text="")
    with pytest.raises(NotFound):
        tracker.set_category(actor_id=people.bob, item_id=item.id, category="no such category")


def test_an_enterprise_lists_only_its_own_items(tracker: Tracker, people: People) -> None:
    tracker.raise_item(actor_id=people.alice, title="a", description="d")
    own = tracker.raise_item(actor_id=people.bob, title="b", description="d")
    assert [item.id for item in tracker.my_items(actor_id=people.bob)] == [own.id]
    assert [item.id for item in tracker.open_items_of(actor_id=people.bob)] == [own.id]


@pytest.mark.parametrize("method", ["follow_up", "close_own", "reopen_own", "set_category"])
def test_officers_see_every_item_but_only_the_owner_speaks_for_it(
    tracker: Tracker, people: People, method: str
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    assert tracker.item_detail(actor_id=people.officer, item_id=item.id).item.id == item.id
    assert isinstance(failure(OWNER_ONLY[method], tracker, people.officer, item.id), Forbidden)


@pytest.mark.parametrize("method", sorted(OFFICER_ONLY | OWNER_ONLY))
def test_someone_who_never_wrote_to_the_bot_can_do_nothing(
    tracker: Tracker, people: People, method: str
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    attack = (OFFICER_ONLY | OWNER_ONLY)[method]
    assert isinstance(failure(attack, tracker, people.stranger, item.id), Forbidden)
    with pytest.raises(Forbidden):
        tracker.raise_item(actor_id=people.stranger, title="t", description="d")
