"""Several officers and several senders at once, on a real database, from real threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from bot.tracker.errors import Conflict, Invalid
from bot.tracker.service import Tracker
from bot.tracker.values import EventKind, Status
from tests.tracker.scene import People, drain


@contextmanager
def meeting_at_item_updates(engine: Engine, parties: int) -> Iterator[list[bool]]:
    """Hold each thread at its UPDATE of an item until all `parties` are there, so that they all read the item
    before any of them writes. Where the database makes writers queue (SQLite's BEGIN IMMEDIATE) they never
    meet, and the wait gives up after a moment. Yields, per wait, whether the threads met."""
    barrier = threading.Barrier(parties)
    met: list[bool] = []

    def wait(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE ITEM"):
            try:
                barrier.wait(timeout=0.5)
                met.append(True)
            except threading.BrokenBarrierError:
                met.append(False)

    event.listen(engine, "before_cursor_execute", wait)
    try:
        yield met
    finally:
        event.remove(engine, "before_cursor_execute", wait)


def outcomes(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception raised."""

    def run(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except Exception as error:  # noqa: BLE001  (the outcome under test)
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.parametrize("round_", range(2))
def test_two_staff_closing_at_once_one_wins_and_history_has_one_close(
    tracker: Tracker, engine: Engine, people: People, backend: str, round_: int
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    drain(tracker)
    with meeting_at_item_updates(engine, 2) as met:
        results = outcomes(
            [
                lambda: tracker.close(actor_id=people.officer, item_id=item.id, resolution="by Oscar"),
                # an admin: another officer may not close an item Oscar holds (officer.require_free_or_held)
                lambda: tracker.close(actor_id=people.admin, item_id=item.id, resolution="by Ada"),
            ]
        )
    if backend == "postgres":
        assert met[:2] == [True, True]  # both read version 2 and both tried to write it: a real race
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "ItemView"]
    (winner,) = [result for result in results if not isinstance(result, Conflict)]
    detail = tracker.item_detail(actor_id=people.admin, item_id=item.id)
    closes = [entry for entry in detail.history if entry.to_status == Status.RESOLVED]
    assert len(closes) == 1 and closes[0].text == winner.resolution == detail.item.resolution
    assert detail.item.version == 3
    (notice,) = drain(tracker)
    assert notice.payload["resolution"] == winner.resolution


def test_an_owner_closing_while_an_officer_replies_leaves_a_consistent_history(
    tracker: Tracker, engine: Engine, people: People
) -> None:
    item = tracker.raise_item(actor_id=people.alice, title="t", description="d")
    tracker.take(actor_id=people.officer, item_id=item.id)
    with meeting_at_item_updates(engine, 2):
        results = outcomes(
            [
                lambda: tracker.close_own(actor_id=people.alice, item_id=item.id),
                lambda: tracker.reply(actor_id=people.officer, item_id=item.id, text="answer"),
            ]
        )
    detail = tracker.item_detail(actor_id=people.admin, item_id=item.id)
    events = [entry.event for entry in detail.history]
    changes = sum(not isinstance(result, Exception) for result in results)
    assert detail.item.version == 2 + changes  # one version per change that committed
    assert events.count(EventKind.OFFICER_REPLY) == (not isinstance(results[1], Exception))
    assert events.count(EventKind.STATUS_CHANGE) == (not isinstance(results[0], Exception))
    # The loser hears "someone changed it first" (Conflict) or, if it ran after, "it is closed" (Invalid).
    assert all(isinstance(result, Exception) is isinstance(result, Conflict | Invalid) for result in results)


def test_concurrent_senders_never_claim_the_same_notice(tracker: Tracker, people: People) -> None:
    for n in range(40):
        tracker.raise_item(actor_id=people.bob, title=f"item {n}", description="d")
    claimed = outcomes([lambda: tracker.claim_notifications(limit=7, lease_s=60) for _ in range(8)])
    ids = [notice.id for batch in claimed for notice in batch]
    assert len(ids) == len(set(ids)) == 40  # 8 claimers x 7 cover all 40 exactly once
    assert tracker.claim_notifications() == []
