"""Webhook mode without the model: the real Application and tornado server, a scripted Dialog, a fake Bot API
that POSTs updates to the webhook as Telegram does."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from bot.channels.metrics import Metrics, parse, total
from bot.channels.telegram.webhook import (
    ALLOWED_UPDATES,
    WebhookConfigError,
    WebhookPlan,
    check_webhook,
    health,
    serve,
)
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import FakeServices
from tests.fakes.telegram_doubles import FAST, FakeDialog, FakeOutbox, settings_for
from tests.postgres import free_port

SECRET = "s3cret_-token"


class WatchedOutbox(FakeOutbox):
    """FakeOutbox plus the figures /healthz and /metrics read from the tracker."""

    revisions: tuple[str | None, str | None] = ("head1", "head1")
    unreachable = False

    def schema_revisions(self) -> tuple[str | None, str | None]:
        if self.unreachable:
            raise ConnectionError('connection to server at "10.0.0.5", port 5432 failed\n  (is the server running?)')
        return self.revisions

    def items_by_status(self) -> dict[str, int]:
        return {"open": 2, "in_progress": 1, "resolved": 0, "closed": 3}

    def undeliverable_count(self) -> int:
        return sum(1 for n in self.notices.values() if n.failed_reason is not None)


@dataclass
class IndexedRetriever:
    """The part of the engine /healthz reads: the build in service and its sections."""

    build_name: str | None = "build-1"
    count: int = 7

    def sections(self) -> list[object]:
        return [object()] * self.count


class CountingDialog(FakeDialog):
    """FakeDialog that counts "q ..." texts as questions through the services' observer, as the core does."""

    def __init__(self, services: FakeServices) -> None:
        super().__init__(services.tracker)
        self.services = services

    def handle(self, incoming: Any) -> list[Any]:
        if (incoming.text or "").startswith("q "):
            self.services.observer.question(answered=incoming.text != "q unknown", lang="en")
        return super().handle(incoming)


@dataclass
class Served:
    api: FakeBotAPI
    services: FakeServices
    url: str
    base: str
    said: list[str]

    def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        return self.api.deliver_webhook(self.url, secret, update)

    def metrics_when(self, ready: Callable[[dict[str, float]], bool], timeout: float = 10) -> tuple[int, str]:
        """/metrics once `ready(samples)` holds (a reply reaches the fake just before it is counted)."""
        deadline = time.monotonic() + timeout
        while True:
            status, body = self.get("/metrics")
            if ready(parse(body)) or time.monotonic() > deadline:
                return status, body
            time.sleep(0.05)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return int(error.code), error.read().decode()


@contextmanager
def webhook_bot(api: FakeBotAPI, services: FakeServices | None = None) -> Iterator[Served]:
    """serve() in its own thread and event loop until the block ends."""
    services = services or FakeServices(WatchedOutbox(), IndexedRetriever(), settings=settings_for(api))
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    plan = WebhookPlan(url, "/telegram", SECRET, "127.0.0.1", port)
    said: list[str] = []
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    failure: list[BaseException] = []

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(
                serve(services, plan, FAST, dialog=CountingDialog(services), stop=stop, say=said.append)  # type: ignore[arg-type]
            )
        except BaseException as exc:
            failure.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=run, name="webhook-bot", daemon=True)
    thread.start()
    try:
        api.wait_until(lambda: any("serving" in line for line in said) or bool(failure), 20, "the server")
        assert not failure, failure
        yield Served(api, services, url, f"http://127.0.0.1:{port}", said)
    finally:
        if not loop.is_closed():
            loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=20)
        assert not thread.is_alive(), "the webhook bot did not stop"
        if failure:
            raise failure[0]


def test_updates_posted_with_the_secret_are_answered(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        assert bot.post(api.text_update(7, "hello")) == 200
        assert bot.post(api.text_update(8, "/start")) == 200
        api.wait_for_messages(7, 1)
        api.wait_for_messages(8, 1)
    assert [m["text"] for m in api.messages(7)] == ["echo hello"]
    assert api.calls_of("getUpdates") == []  # no polling beside the webhook


def test_a_missing_or_wrong_secret_is_refused_with_403_and_nothing_is_handled(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        assert bot.post(api.text_update(7, "no secret"), secret=None) == 403
        assert bot.post(api.text_update(7, "wrong"), secret="not-it") == 403
        assert bot.post(api.text_update(7, "prefix"), secret=SECRET[:-1]) == 403
        assert bot.post(api.text_update(7, "right")) == 200
        api.wait_for_messages(7, 1)
    assert [m["text"] for m in api.messages(7)] == ["echo right"]


def test_a_body_that_is_not_an_update_is_a_400(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        request = urllib.request.Request(
            bot.url, b"not json", {"X-Telegram-Bot-Api-Secret-Token": SECRET}, method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        refused.value.close()
        assert refused.value.code == 400


def test_a_body_nested_thousands_deep_is_a_400_and_logs_no_traceback(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    depth = 100_000
    body = b'{"update_id": 1, "message": ' + b"[" * depth + b"]" * depth + b"}"
    with webhook_bot(api) as bot:
        request = urllib.request.Request(bot.url, body, {"X-Telegram-Bot-Api-Secret-Token": SECRET}, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        refused.value.close()
        assert refused.value.code == 400
        assert bot.post(api.text_update(7, "still here")) == 200
        api.wait_for_messages(7, 1)
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]


def test_start_registers_the_webhook_with_secret_and_allowed_updates(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        info = api.webhook()
        assert info["url"] == bot.url
        assert info["secret_token"] == SECRET
        assert info["allowed_updates"] == list(ALLOWED_UPDATES)
        assert api.calls_of("getWebhookInfo")[0].at < api.calls_of("setWebhook")[0].at
        assert bot.said == [f"webhook: serving {bot.url} on 127.0.0.1:{bot.url.split(':')[2].split('/')[0]}"
                            " (also /healthz, /metrics)"]
    assert api.calls_of("deleteWebhook") == []  # the other replicas keep serving it


def test_start_says_plainly_when_another_url_was_registered_or_deliveries_failed(api: FakeBotAPI) -> None:
    api.set_webhook_info(url="https://old.example/telegram", last_error_message="Connection refused",
                         last_error_date=1_700_000_000)
    with webhook_bot(api) as bot:
        pass
    assert any("had https://old.example/telegram registered; replacing it with " + bot.url in s for s in bot.said)
    assert any("last delivery" in s and "failed at 2023-11-14" in s and "Connection refused" in s
               for s in bot.said)


def test_healthz_is_200_with_the_database_and_index_then_503_when_the_database_is_gone(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        status, body = bot.get("/healthz")
        assert status == 200
        assert json.loads(body) == {
            "status": "ok",
            "database": {"ok": True, "revision": "head1", "head": "head1"},
            "index": {"ok": True, "build": "build-1", "sections": 7},
        }
        bot.services.tracker.unreachable = True
        status, body = bot.get("/healthz")
        assert status == 503
        assert json.loads(body)["database"] == {"ok": False, "error": "database unreachable"}
        assert "10.0.0.5" not in body


def test_healthz_names_the_database_failure_plainly_and_logs_the_detail(
    api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = WatchedOutbox()
    outbox.unreachable = True
    ok, body = health(FakeServices(outbox, IndexedRetriever(), settings=settings_for(api)))  # type: ignore[arg-type]
    assert not ok and body["database"] == {"ok": False, "error": "database unreachable"}
    assert "10.0.0.5" not in json.dumps(body)
    assert any("10.0.0.5" in record.getMessage() for record in caplog.records)
    outbox = WatchedOutbox()
    outbox.revisions = (None, "head1")
    ok, body = health(FakeServices(outbox, IndexedRetriever(), settings=settings_for(api)))  # type: ignore[arg-type]
    assert not ok
    assert body["database"] == {"ok": False, "error": "schema not migrated", "revision": None, "head": "head1"}


def test_health_is_false_behind_the_schema_or_with_an_empty_index(api: FakeBotAPI) -> None:
    outbox = WatchedOutbox()
    outbox.revisions = ("old", "new")
    services = FakeServices(outbox, IndexedRetriever(), settings=settings_for(api))
    ok, body = health(services)  # type: ignore[arg-type]
    assert not ok and body["database"]["ok"] is False and body["index"]["ok"] is True
    services = FakeServices(WatchedOutbox(), IndexedRetriever(count=0), settings=settings_for(api))
    assert health(services) == (False, {  # type: ignore[arg-type]
        "status": "unhealthy",
        "database": {"ok": True, "revision": "head1", "head": "head1"},
        "index": {"ok": False, "build": "build-1", "sections": 0},
    })


def test_metrics_count_questions_updates_latency_and_read_the_outbox(api: FakeBotAPI) -> None:
    with webhook_bot(api) as bot:
        bot.services.tracker.add(9, "for later")
        api.block_chat(9)  # the notice becomes undeliverable
        for n, text in enumerate(["q known", "q known", "q unknown", "plain"]):
            assert bot.post(api.text_update(20 + n, text)) == 200
            api.wait_for_messages(20 + n, 1)
        bot.services.tracker.wait_settled(1)
        status, body = bot.metrics_when(lambda samples: samples.get("iprdesk_updates_total") == 4)
    assert status == 200
    samples = parse(body)
    assert total(samples, "iprdesk_questions_total", ['outcome="answered"']) == 2
    assert total(samples, "iprdesk_questions_total", ['outcome="declined"']) == 1
    assert samples["iprdesk_updates_total"] == 4
    assert samples["iprdesk_answer_seconds_count"] == 4
    assert samples['iprdesk_answer_seconds_bucket{le="+Inf"}'] == 4
    assert samples['iprdesk_items{status="open"}'] == 2
    assert samples["iprdesk_notifications_pending"] == 0
    assert samples["iprdesk_notifications_undeliverable"] == 1


def test_metrics_render_the_histogram_cumulatively_and_escape_labels() -> None:
    metrics = Metrics(buckets=(0.1, 1.0))
    for seconds in (0.05, 0.5, 0.5, 3.0):
        metrics.handled(seconds)
    metrics.question(answered=True, lang='x"y')
    metrics.escalation()
    samples = parse(metrics.render(None))
    assert [samples[f'iprdesk_answer_seconds_bucket{{le="{le}"}}'] for le in ("0.1", "1.0", "+Inf")] == [1, 3, 4]
    assert samples["iprdesk_answer_seconds_sum"] == pytest.approx(4.05)
    assert samples['iprdesk_questions_total{lang="x\\"y",outcome="answered"}'] == 1  # the client sorts labels
    assert samples["iprdesk_escalations_total"] == 1
    assert "iprdesk_items" not in metrics.render(None)  # no database figures: not made up


@pytest.mark.parametrize(
    ("url", "secret", "says"),
    [
        ("https://bot.example/telegram", None, "secrets.token_urlsafe"),
        ("https://bot.example/telegram", "has space", "A-Z a-z 0-9 _ -"),
        ("https://bot.example/telegram", "x" * 257, "1-256"),
        ("bot.example/telegram", SECRET, "not an http(s) URL"),
        ("https://bot.example/healthz", SECRET, "taken by the server"),
    ],
)
def test_webhook_settings_that_cannot_work_are_refused_with_the_remedy(url: str, secret: str | None, says: str) -> None:
    with pytest.raises(WebhookConfigError, match=r".*") as refused:
        check_webhook(url, secret)
    assert says in str(refused.value)


def test_the_path_comes_from_the_public_url() -> None:
    assert check_webhook("https://bot.example:8443/hooks/tg?x=1", SECRET) == "/hooks/tg"
    assert check_webhook("https://bot.example", SECRET) == "/"


def test_run_with_a_webhook_url_but_no_secret_stops_at_once_with_the_remedy(tmp_path: Any) -> None:
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "1:x", "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--webhook-url", "https://bot.example/telegram"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 3, result.stderr
    assert "IPRDESK_WEBHOOK_SECRET" in result.stderr and "token_urlsafe" in result.stderr
