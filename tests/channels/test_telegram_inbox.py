"""The poller and the inbox, with a real Tracker: an update is confirmed to Telegram only once stored, handled
once however often Telegram sends it, and handled after a restart when a crash interrupted it."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.core.messages import Reply
from bot.tracker.errors import Unavailable
from bot.tracker.service import Tracker
from bot.tracker.values import NotificationView
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import real_tracker
from tests.fakes.telegram_doubles import FAST, FakeDialog, FakeOutbox, running_bot

USER = 7
# PTB 22 warns about RetryAfter.retry_after on every 429; bot/channels/telegram/poll.py reads both types.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    return real_tracker(tmp_path)


def echoes(api: FakeBotAPI, chat_id: int = USER) -> list[str]:
    return [str(m["text"]) for m in api.messages(chat_id) if str(m["text"]).startswith("echo")]


def test_every_update_is_stored_and_marked_done_once_handled(api: FakeBotAPI, tracker: Tracker) -> None:
    with running_bot(api, FakeDialog(), tracker):
        for n in range(3):
            api.send_text(USER, f"question {n}")
        api.wait_until(lambda: len(echoes(api)) == 3, 20, "three answers")
        api.wait_until(lambda: tracker.inbox_pending_count() == 0, 10, "all marked done")
    assert echoes(api) == ["echo question 0", "echo question 1", "echo question 2"]
    assert tracker.receive_updates(updates=[(1, "{}"), (2, "{}"), (3, "{}")], lease_s=1) == []  # all known
    assert api.pending_updates() == 0


def test_an_update_telegram_sends_again_is_handled_once(api: FakeBotAPI, tracker: Tracker) -> None:
    update = {"update_id": 500, **api.text_update(USER, "only once")}
    with running_bot(api, FakeDialog(), tracker):
        api.push_update(update)
        api.wait_until(lambda: echoes(api) == ["echo only once"], 20, "the answer")
        api.push_update(update)  # the confirmation was lost: Telegram sends it again
        api.send_text(USER, "next")
        api.wait_until(lambda: len(echoes(api)) == 2, 20, "the next answer")
    assert echoes(api) == ["echo only once", "echo next"]


def test_an_update_a_crash_interrupted_is_handled_at_the_next_start(api: FakeBotAPI, tracker: Tracker) -> None:
    # The last process stored it (and so confirmed it to Telegram), then died before it was done.
    interrupted = {"update_id": 41, **api.text_update(USER, "left over")}
    tracker.receive_updates(updates=[(41, json.dumps(interrupted))], lease_s=600)
    with running_bot(api, FakeDialog(), tracker):
        api.send_text(USER, "new one")
        api.wait_until(lambda: len(echoes(api)) == 2, 20, "both answers")
        api.wait_until(lambda: tracker.inbox_pending_count() == 0, 10, "both marked done")
    assert echoes(api) == ["echo left over", "echo new one"]  # the older one first


class SlowStore(FakeOutbox):
    """An inbox whose first store waits for `release`: the database is slow. It notes how many Bot API
    calls had been answered when the store was done."""

    def __init__(self, api: FakeBotAPI) -> None:
        super().__init__()
        self.api = api
        self.release, self.storing = threading.Event(), threading.Event()
        self.calls_when_stored: int | None = None

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]:
        self.storing.set()
        assert self.release.wait(20)
        fresh = super().receive_updates(updates=updates, lease_s=lease_s)
        self.calls_when_stored = len(self.api.calls)
        return fresh


def test_updates_are_confirmed_to_telegram_only_once_stored(api: FakeBotAPI) -> None:
    store = SlowStore(api)
    with running_bot(api, FakeDialog(), store):
        update_id = api.push(api.text_update(USER, "hello"))
        assert store.storing.wait(20)
        assert api.pending_updates() == 1  # being stored: not confirmed
        store.release.set()
        api.wait_until(lambda: echoes(api) == ["echo hello"], 20, "the answer")
        api.wait_until(lambda: api.pending_updates() == 0, 20, "the update confirmed")
    # The first getUpdates that confirms it (an offset past it) came after the store, never before.
    confirming = [i for i, call in enumerate(api.calls)
                  if call.method == "getUpdates" and int(call.params.get("offset") or 0) > update_id]
    assert store.calls_when_stored is not None and confirming[0] >= store.calls_when_stored


class DownStore(FakeOutbox):
    """An inbox whose database is unreachable."""

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]:
        raise Unavailable()

    def mark_update_done(self, **_: Any) -> None:
        raise AssertionError("an unrecorded update is not marked")


def test_with_the_database_down_updates_are_still_handled(api: FakeBotAPI) -> None:
    # The core answers them (with "try again in a moment" when it needs the database too).
    with running_bot(api, FakeDialog(), DownStore()):
        api.send_text(USER, "hello")
        api.wait_until(lambda: echoes(api) == ["echo hello"], 20, "the answer")
        api.wait_until(lambda: api.pending_updates() == 0, 20, "the update confirmed")


@pytest.mark.parametrize(("status", "retry_after"), [(500, None), (502, None), (429, 1), (409, None)])
def test_a_failing_poll_is_retried_and_loses_nothing(
    api: FakeBotAPI, tracker: Tracker, status: int, retry_after: int | None
) -> None:
    # 409: another process polls with the same token for a while.
    with running_bot(api, FakeDialog(), tracker):
        api.fail_next("getUpdates", status=status, retry_after=retry_after, times=2)
        api.send_text(USER, "still there?")
        api.wait_until(lambda: echoes(api) == ["echo still there?"], 20, "the answer after the failed polls")
    assert tracker.inbox_pending_count() == 0


class CountedJobs:
    """The tracker, with the job loop's rounds counted (each round asks for the digest once)."""

    def __init__(self, tracker: Tracker) -> None:
        self._tracker, self.rounds = tracker, 0

    def daily_digest(self, **kwargs: Any) -> bool:
        self.rounds += 1
        return self._tracker.daily_digest(**kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tracker, name)


class KindDialog(FakeDialog):
    """Renders every notice as its kind and payload."""

    def render_notification(self, n: NotificationView) -> Reply:
        return Reply(f"{n.kind.value} {json.dumps(n.payload, sort_keys=True)}")


def test_the_officers_digest_goes_out_once_per_period(api: FakeBotAPI, tmp_path: Path) -> None:
    officers = -100_555
    tracker = real_tracker(tmp_path, officer_chat_id=officers)
    tracker.ensure_user(user_id=USER, name="Alice")
    tracker.raise_item(actor_id=USER, title="held goods", description="d")
    tracker.mark_delivered(notification_id=tracker.claim_notifications()[0].id)  # the announcement
    fast_jobs = replace(FAST, jobs_poll_s=0.2)
    counted = CountedJobs(tracker)
    with running_bot(api, KindDialog(), counted, options=fast_jobs, officer_chat_id=officers):
        api.wait_for_messages(officers, 1)
        rounds = counted.rounds
        # Five more rounds of the job loop, counted: the period (24 h) has not passed, so none sends.
        api.wait_until(lambda: counted.rounds >= rounds + 5, 20, "five more rounds of the job loop")
    digest = '{"in_progress": 0, "late": [], "oldest": [], "on_time": 0, "open": 1, "overdue": 0, "with_due": 0}'
    assert [m["text"] for m in api.messages(officers)] == [f"daily_digest {digest}"]
    with running_bot(api, KindDialog(), tracker, options=fast_jobs, digest_hours=0.0001):
        api.wait_for_messages(officers, 2)  # a period of 0.36 s: due again
