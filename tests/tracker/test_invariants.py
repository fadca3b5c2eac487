"""Whatever officers and owners do, in any order, the list stays coherent: random action sequences."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.tracker.errors import TrackerError
from bot.tracker.service import Tracker
from bot.tracker.values import ACTIVE, FINISHED, ItemView, Status
from tests.tracker.scene import People

ACTIONS = (
    "take",
    "reply",
    "close",
    "reopen",
    "reassign",
    "follow_up",
    "close_own",
    "reopen_own",
    "set_category",
)
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 2), st.sampled_from(["officer", "officer2", "admin"])),
    min_size=1,
    max_size=12,
)


def act(tracker: Tracker, people: People, action: str, item: ItemView, officer: int) -> Any:
    owner = item.owner_id
    calls = {
        "take": lambda: tracker.take(actor_id=officer, item_id=item.id),
        "reply": lambda: tracker.reply(actor_id=officer, item_id=item.id, text="answer"),
        "close": lambda: tracker.close(actor_id=officer, item_id=item.id, resolution="done"),
        "reopen": lambda: tracker.reopen(actor_id=officer, item_id=item.id),
        "reassign": lambda: tracker.reassign(actor_id=officer, item_id=item.id, officer_id=people.officer2),
        "follow_up": lambda: tracker.follow_up(actor_id=owner, item_id=item.id, text="more"),
        "close_own": lambda: tracker.close_own(actor_id=owner, item_id=item.id),
        "reopen_own": lambda: tracker.reopen_own(actor_id=owner, item_id=item.id),
        "set_category": lambda: tracker.set_category(
            actor_id=owner, item_id=item.id, category="risk_analysis"
        ),
    }
    return calls[action]()


def check_item(item: ItemView) -> None:
    if item.status in ACTIVE:  # open means nobody holds it; the queue's order relies on that
        assert (item.status == Status.OPEN) is (item.assignee_id is None), item
    assert (item.closed_at is not None) is (item.status in FINISHED), item
    assert (item.resolution is not None) is (item.status == Status.RESOLVED), item


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=steps)
def test_any_sequence_of_actions_keeps_the_list_coherent(
    tracker: Tracker, people: People, script: list[tuple[str, int, str]]
) -> None:
    items = [
        tracker.raise_item(actor_id=owner, title="t", description="d") for owner in (people.alice, people.bob)
    ]
    items.append(tracker.raise_item(actor_id=people.alice, title="t", description="d"))
    changes: Counter[int] = Counter()
    for action, index, who in script:
        before = tracker.item_detail(actor_id=people.admin, item_id=items[index].id).item
        try:
            after = act(tracker, people, action, before, getattr(people, who))
        except TrackerError:
            after = tracker.item_detail(actor_id=people.admin, item_id=before.id).item
            assert after == before  # a refused action changes nothing
        changes[before.id] += after.version - before.version
        assert after.version - before.version in (0, 1)  # one call, at most one change
        check_item(after)
    queue = tracker.queue(actor_id=people.officer, limit=200)
    for item in queue:
        check_item(item)
    dues = [item.next_due_at for item in queue]
    assert None not in dues and dues == sorted(d for d in dues if d is not None)  # the soonest due first
    for item in items:
        detail = tracker.item_detail(actor_id=people.admin, item_id=item.id)
        assert detail.item.version == 1 + changes[item.id]
        closes = [e for e in detail.history if e.to_status in FINISHED]
        reopens = [e for e in detail.history if e.from_status in FINISHED]
        assert len(closes) - len(reopens) == (detail.item.status in FINISHED)
