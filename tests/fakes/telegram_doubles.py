"""Doubles for the Telegram channel's tests: a scripted Dialog, an in-memory outbox and inbox, and the real
polling bot run in a thread against FakeBotAPI."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.channels.telegram.application import serve_polling
from bot.channels.telegram.channel import TelegramOptions
from bot.config import Settings
from bot.core.messages import Button, Incoming, Reply
from bot.tracker.values import NoticeKind, NotificationView
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import FakeServices

# Production limits, but short waits so that a test run stays quick.
FAST = TelegramOptions(connect_timeout_s=2.0, read_timeout_s=2.0, poll_timeout_s=1, outbox_poll_s=0.1)
YES_NO = ((Button("Yes", "yes"), Button("No", "no")),)


class FakeDialog:
    """Follows bot.core.dialog.Dialog's contract with scripted answers:

    /start -> greeting with two buttons · "slow S" -> sleeps S seconds · "hold G" -> waits until the test
    sets gate(G), then "held G" · "boom" -> raises ·
    "long N" -> an N-character answer · "to C" -> one reply to this chat and one to chat C ·
    "notify C T" -> queues notice T for chat C in `outbox` · button X -> "pressed X" ·
    document -> its name and size, or "refused" · no text -> "text only"."""

    def __init__(self, outbox: FakeOutbox | None = None) -> None:
        self.seen: list[Incoming] = []
        self.outbox = outbox
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Event] = {}

    def gate(self, name: str) -> threading.Event:
        """The event a "hold NAME" message waits for: the test decides when that answer is done."""
        with self._lock:
            return self._gates.setdefault(name, threading.Event())

    def handle(self, incoming: Incoming) -> list[Reply]:
        with self._lock:
            self.seen.append(incoming)
        if incoming.document is not None:
            doc = incoming.document
            return [Reply(f"file {doc.file_name}: " + (f"{len(doc.data)} bytes" if doc.data else "refused"))]
        if incoming.button is not None:
            return [Reply(f"pressed <b>{incoming.button}</b>")]
        return self._answer(incoming.text)

    def _answer(self, text: str | None) -> list[Reply]:
        if text is None:
            return [Reply("text only")]
        word, _, arg = text.partition(" ")
        if word == "/start":
            return [Reply("<b>Hello</b> &amp; welcome", buttons=YES_NO)]
        if word == "slow":
            time.sleep(float(arg))
            return [Reply(f"slow {arg} done")]
        if word == "hold":
            assert self.gate(arg).wait(30), f"gate {arg} never opened"
            return [Reply(f"held {arg}")]
        if word == "boom":
            raise RuntimeError("the core failed")
        if word == "long":
            return [Reply(("<i>" + "word " * 50 + "</i>\n\n") * (int(arg) // 256 + 1))]
        if word == "to":
            return [Reply("for you"), Reply("for them", chat_id=int(arg))]
        if word == "notify" and self.outbox is not None:
            chat, _, notice = arg.partition(" ")
            self.outbox.add(int(chat), notice)
            return [Reply("queued")]
        return [Reply(f"echo {text}")]

    def accepts_document(self, incoming: Incoming) -> bool:
        return True  # every sender is an admin here

    def render_notification(self, n: NotificationView) -> Reply:
        if n.payload.get("broken"):
            raise KeyError("broken payload")
        return Reply(f"notice {n.payload['text']}", buttons=((Button("Open", f"open:{n.id}"),),))

    def commands(self, role: str, lang: str) -> list[tuple[str, str]]:
        return [("start", f"{role} start {lang}"), ("help", f"{role} help {lang}")]


@dataclass
class Notice:
    """One outbox row of FakeOutbox."""

    id: int
    chat_id: int
    payload: dict[str, Any]
    attempts: int = 0
    next_at: float = 0.0
    claimed_until: float = 0.0
    delivered: bool = False
    failed_reason: str | None = None
    retries: list[tuple[str, float]] = field(default_factory=list)


class FakeOutbox:
    """The Tracker's outbox calls, in memory, with the same lease and attempt counting."""

    def __init__(self) -> None:
        self.notices: dict[int, Notice] = {}
        self.inbox: dict[int, bool] = {}
        self.payloads: dict[int, str] = {}
        self.deferred: list[int] = []
        self.claims = 0
        self._lock = threading.Lock()

    def add(self, chat_id: int, text: str, **payload: Any) -> int:
        with self._lock:
            notice = Notice(len(self.notices) + 1, chat_id, {"text": text, **payload})
            self.notices[notice.id] = notice
            return notice.id

    def claim_notifications(self, *, limit: int = 50, lease_s: float = 60) -> list[NotificationView]:
        now = time.monotonic()
        with self._lock:
            self.claims += 1  # the sender's rounds, for tests that wait for one
            due = [n for n in self.notices.values() if not n.delivered and n.failed_reason is None
                   and n.next_at <= now and n.claimed_until <= now][:limit]
            for n in due:
                n.claimed_until, n.attempts = now + lease_s, n.attempts + 1
            kind = NoticeKind.OFFICER_REPLY
            return [NotificationView(n.id, n.chat_id, kind, dict(n.payload), "en", n.attempts) for n in due]

    def mark_delivered(self, *, notification_id: int) -> None:
        with self._lock:
            self.notices[notification_id].delivered = True

    def mark_retry(self, *, notification_id: int, error: str, delay_s: float) -> None:
        with self._lock:
            n = self.notices[notification_id]
            n.retries.append((error, delay_s))
            n.next_at, n.claimed_until = time.monotonic() + delay_s, 0.0

    def mark_undeliverable(self, *, notification_id: int, reason: str) -> None:
        with self._lock:
            self.notices[notification_id].failed_reason = reason

    def pending_count(self) -> int:
        with self._lock:
            return sum(1 for n in self.notices.values() if not n.delivered and n.failed_reason is None)

    def daily_digest(self, *, every: timedelta) -> bool:
        return False  # the jobs are the tracker's (tests/tracker/test_jobs.py)

    def send_reminders(self) -> int:
        return 0  # the tracker's too (tests/core/test_casework_sla.py)

    # the inbox of updates (bot.tracker.inbox), in memory: update id -> done

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]:
        with self._lock:
            fresh = [update_id for update_id, _ in updates if update_id not in self.inbox]
            self.inbox.update(dict.fromkeys(fresh, False))
            self.payloads.update((update_id, payload) for update_id, payload in updates if update_id in fresh)
            return fresh

    def claim_stale_updates(
        self, *, limit: int, lease_s: float, max_attempts: int, held_too: bool = False
    ) -> list[tuple[int, str]]:
        with self._lock:  # nothing survives this process but the updates it deferred
            taken, self.deferred = self.deferred[:limit], self.deferred[limit:]
            return [(update_id, self.payloads[update_id]) for update_id in taken]

    def defer_updates(self, *, update_ids: Sequence[int]) -> None:
        with self._lock:
            self.deferred = sorted({*self.deferred, *update_ids})

    def mark_update_done(self, *, update_id: int) -> None:
        with self._lock:
            self.inbox[update_id] = True

    def prune_inbox(self, *, older_than: timedelta) -> int:
        return 0

    def wait_settled(self, notice_id: int, timeout: float = 10) -> Notice:
        """Wait until the notice is delivered or given up."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            n = self.notices[notice_id]
            if n.delivered or n.failed_reason is not None:
                return n
            time.sleep(0.02)
        raise AssertionError(f"notice {notice_id} not settled after {timeout}s: {self.notices[notice_id]}")


def settings_for(api: FakeBotAPI, **values: Any) -> Settings:
    """Settings pointing the bot at the fake (no .env file read)."""
    defaults = {"TELEGRAM_BOT_TOKEN": api.token, "TELEGRAM_API_BASE_URL": api.base_url,
                "TELEGRAM_API_BASE_FILE_URL": api.base_file_url}
    return Settings(_env_file=None, **(defaults | values))


@contextmanager
def running_bot(
    api: FakeBotAPI, dialog: Any, outbox: Any, *, options: TelegramOptions = FAST, **settings: Any
) -> Iterator[Any]:
    """The real bot (bot.channels.telegram.serve_polling) polling the fake in its own thread and event loop,
    stopped on exit; yields the Application. test_telegram_process runs it with its signal handlers in a
    subprocess."""
    services = FakeServices(outbox, settings=settings_for(api, **settings))
    loop = asyncio.new_event_loop()
    ready, stopped = threading.Event(), asyncio.Event()
    started: list[Any] = []
    failure: list[BaseException] = []

    def up(app: Any) -> None:
        started.append(app)
        ready.set()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(serve_polling(services, options, dialog=dialog, stop=stopped, ready=up))
        except BaseException as exc:  # surfaced in the test thread below
            failure.append(exc)
        finally:
            ready.set()
            loop.close()

    thread = threading.Thread(target=serve, name="bot", daemon=True)
    thread.start()
    ready.wait(timeout=10)
    try:
        assert started and started[0].running and not failure, f"the bot did not start: {failure}"
        yield started[0]
    finally:
        if not loop.is_closed():
            loop.call_soon_threadsafe(stopped.set)
        thread.join(timeout=20)
        assert not thread.is_alive(), "the bot did not stop"
        if failure:
            raise failure[0]


def main(argv: list[str]) -> int:
    """`python -m tests.fakes.telegram_doubles BASE_URL TOKEN NOTICE...`: the real run_polling
    (signal handlers included) against a fake Bot API, with one pending notice per NOTICE ("chat:text")
    queued before start; prints the outbox as JSON lines once stopped."""
    import json
    import logging

    logging.basicConfig(level=logging.INFO)
    base_url, token, *notices = argv
    outbox = FakeOutbox()
    for notice in notices:
        chat, _, text = notice.partition(":")
        outbox.add(int(chat), text)
    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=base_url)
    asyncio.run(serve_polling(FakeServices(outbox, settings=settings), FAST, dialog=FakeDialog(outbox)))
    for n in outbox.notices.values():
        print(json.dumps({"id": n.id, "delivered": n.delivered, "failed": n.failed_reason}))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
