"""Two real bot processes in webhook mode on one PostgreSQL database and one index folder, fed alternately by
a fake Telegram: every update answered once, every notice delivered once, a knowledge upload through one
replica answered from by the other. Slow (model, two start-ups): about a minute."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.channels.metrics import parse, total
from bot.core.intake import FIELDS
from tests.fakes.bot_api import FakeBotAPI
from tests.postgres import PostgresServer, free_port, postgres_server  # noqa: F401  (the session's server)

pytestmark = [pytest.mark.postgres, pytest.mark.model]

REPO = Path(__file__).resolve().parents[2]
SECRET = "replica-test-secret_0123456789"
OFFICER, OFFICER_CHAT, ADMIN = 800, -100800, 900
USERS = list(range(1001, 1011))
QUESTION = "How much guarantee do I need when I apply for detention?"
UPLOAD = b"""---
id: zebra-route
title: The zebra route
lang: en
legal_basis: Test Regulations Art. 99
---

## What is the zebra route for pineapple trademarks? {#what}

The zebra route is a made-up procedure that only the replica test knows: quokka-seven-lantern.
"""
UPLOAD_QUESTION = "What is the zebra route for pineapple trademarks?"


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def webhook(self) -> str:
        return f"{self.base}/telegram"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return int(error.code), error.read().decode()
        except OSError:
            return 0, ""


@dataclass
class Desk:
    api: FakeBotAPI
    replicas: list[Replica]
    database_url: str
    sent: Counter[int]  # updates delivered per chat
    logs: Path  # replica-A.log, replica-B.log
    turn: int = 0

    def deliver(self, update: dict[str, Any], chat_id: int) -> Replica:
        """To the next replica in turn, with the secret; waits for that chat's answer (updates of one chat
        are handed out one at a time, as a real chat types)."""
        replica = self.replicas[self.turn % len(self.replicas)]
        self.turn += 1
        assert self.api.deliver_webhook(replica.webhook, SECRET, update) == 200
        self.sent[chat_id] += 1
        return replica

    def wait_answered(self, chats: list[int], timeout: float = 60) -> None:
        """Every chat got at least one message per update it sent (notices come on top)."""
        self.api.wait_until(
            lambda: all(len(self.api.messages(c)) >= self.sent[c] for c in chats), timeout, "the answers"
        )

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url) as connection:
            return list(connection.execute(query).fetchall())


def _env(api: FakeBotAPI, database_url: str, tmp: Path, port: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url, IPRDESK_DATABASE_URL=database_url,
        IPRDESK_KNOWLEDGE_DIR=str(tmp / "knowledge"), IPRDESK_INDEX_DIR=str(tmp / "index"),
        IPRDESK_ADMIN_IDS=str(ADMIN), IPRDESK_OFFICER_CHAT_ID=str(OFFICER_CHAT),
        IPRDESK_WEBHOOK_SECRET=SECRET, IPRDESK_WEBHOOK_LISTEN="127.0.0.1", HF_HUB_OFFLINE="1",
        IPRDESK_INBOX_LEASE_SECONDS="4", PYTHONPATH=str(REPO),
    )
    if port is not None:
        env["IPRDESK_WEBHOOK_PORT"] = str(port)
    return env


def _iprdesk(env: dict[str, str], cwd: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def desk(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[Desk]:  # noqa: F811
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    database_url = postgres_server.create_database()
    with FakeBotAPI() as api:
        env = _env(api, database_url, tmp_path)
        _iprdesk(env, tmp_path, "index", "build", "--quiet")  # once, for both replicas
        _iprdesk(env, tmp_path, "users", "grant", str(OFFICER), "officer")  # also migrates, before the replicas
        replicas: list[Replica] = []
        try:
            for name in ("A", "B"):
                port = free_port()
                process = subprocess.Popen(
                    [sys.executable, "-m", "bot", "run", "--webhook-url", f"http://127.0.0.1:{port}/telegram"],
                    env=_env(api, database_url, tmp_path, port), cwd=tmp_path,
                    stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"replica-{name}.log", "w"),  # noqa: SIM115
                    text=True,
                )
                replicas.append(Replica(name, port, process))
            for replica in replicas:
                _wait_healthy(replica, tmp_path)
            yield Desk(api, replicas, database_url, Counter(), tmp_path)
        finally:
            for replica in replicas:
                replica.process.terminate()
            for replica in replicas:
                try:
                    replica.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    replica.process.kill()
                    replica.process.wait()


def _wait_healthy(replica: Replica, tmp: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica.process.poll() is not None:
            pytest.fail(f"replica {replica.name} exited: {(tmp / f'replica-{replica.name}.log').read_text()}")
        if replica.get("/healthz")[0] == 200:
            return
        time.sleep(0.2)
    pytest.fail(f"replica {replica.name} not healthy after {timeout} s")


def _buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]


def _document_update(api: FakeBotAPI, user_id: int, name: str, data: bytes) -> dict[str, Any]:
    api.add_file("upload1", data)
    update = api.text_update(user_id, "x")
    message = update["message"]
    del message["text"]
    message["document"] = {"file_id": "upload1", "file_unique_id": "uupload1", "file_name": name,
                           "file_size": len(data)}
    return update


def test_two_replicas_answer_each_update_once_and_deliver_each_notice_once(desk: Desk) -> None:
    api = desk.api

    # 1. a question from each user, alternately to A and B
    for user in USERS:
        desk.deliver(api.text_update(user, QUESTION), user)
    desk.wait_answered(USERS)
    # 2. each logs a problem (a notice to the officers' chat each)
    for user in USERS:
        desk.deliver(api.text_update(user, f"/problem Fake sneakers of client {user} held at the port"), user)
    desk.wait_answered(USERS)
    # 3. four press "Ask an officer" under their answer, skip every step of its intake and log it (an
    #    escalation, and a notice to the officers): nine presses each, one answered before the next
    for user in USERS[:4]:
        [escalate] = [d for d in _buttons(api.messages(user)[0]) if d.startswith("esc")]
        for data in [escalate, *(f"in:{field}:-" for field in FIELDS), "in:log:1"]:
            desk.deliver(api.button_update(user, data, message_id=1), user)
            desk.wait_answered([user])
    desk.wait_answered(USERS)
    # 4. the officer replies to every problem and closes half of them (a notice to the owner each)
    problems = [row[0] for row in desk.rows("SELECT id FROM item WHERE kind = 'problem' ORDER BY id")]
    assert len(problems) == len(USERS)
    for item in problems:
        desk.deliver(api.text_update(OFFICER, f"/reply {item} We are looking into it."), OFFICER)
        desk.wait_answered([OFFICER])
    for item in problems[:5]:
        desk.deliver(api.text_update(OFFICER, f"/close {item} Goods seized, case opened."), OFFICER)
        desk.wait_answered([OFFICER])
    updates = sum(desk.sent.values())
    assert updates == 10 + 10 + 4 * (2 + len(FIELDS)) + 10 + 5

    # every notice delivered, each exactly once
    expected_notices = 10 + 4 + 10 + 5 + 1  # created, escalated, replied, closed; the officer's role granted
    _wait_outbox_settled(desk)
    kinds = desk.rows("SELECT kind, count(*) FROM notification GROUP BY kind ORDER BY kind")
    notices = Counter(row[0] for row in desk.rows("SELECT chat_id FROM notification"))
    assert sum(notices.values()) == expected_notices, kinds
    assert notices[OFFICER_CHAT] == 14
    # Nothing more is on its way: every update is handled (its replies are sent before it is marked done),
    # and no notice was claimed twice (a second send needs a second claim).
    _wait_inbox_empty(desk)
    assert desk.rows("SELECT count(*) FROM notification WHERE attempts > 1") == [(0,)]
    for chat in [*USERS, OFFICER, OFFICER_CHAT]:
        # one message per update from the chat, plus one per notice to it: no more, no fewer
        assert len(api.messages(chat)) == desk.sent[chat] + notices[chat], chat
    assert len(api.messages()) == updates + expected_notices
    assert desk.rows("SELECT count(*) FROM notification WHERE failed_at IS NOT NULL") == [(0,)]

    # both served: each replica answered its half of the updates
    a, b = desk.replicas
    counts = [total(parse(r.get("/metrics")[1]), "iprdesk_updates_total") for r in (a, b)]
    assert counts[0] > 10 and counts[1] > 10 and sum(counts) == updates
    samples = parse(a.get("/metrics")[1])
    assert total(samples, "iprdesk_questions_total", ['outcome="answered"']) >= 4
    assert samples["iprdesk_answer_seconds_count"] > 0
    assert samples['iprdesk_items{status="resolved"}'] == 5
    assert samples["iprdesk_notifications_pending"] == 0
    assert sum(total(parse(r.get("/metrics")[1]), "iprdesk_escalations_total") for r in (a, b)) == 4

    # the webhook refuses strangers; both are healthy on the same build
    assert api.deliver_webhook(a.webhook, None, api.text_update(1, "no secret")) == 403
    assert api.deliver_webhook(b.webhook, "wrong", api.text_update(1, "wrong secret")) == 403
    health = [json.loads(r.get("/healthz")[1]) for r in (a, b)]
    assert [h["status"] for h in health] == ["ok", "ok"]
    assert health[0]["index"]["build"] == health[1]["index"]["build"]

    # an admin's upload through A is answered from by B on the next question
    before = health[1]["index"]["build"]
    desk.turn = 0  # A next
    assert desk.deliver(_document_update(api, ADMIN, "zebra-route.md", UPLOAD), ADMIN) is a
    desk.wait_answered([ADMIN], timeout=120)
    preview = api.messages(ADMIN)[-1]  # what the upload would change, and Publish / Cancel
    [publish] = [d for d in _buttons(preview) if d.startswith("kbp:")]
    assert desk.deliver(api.button_update(ADMIN, publish, message_id=len(api.messages(ADMIN))), ADMIN) is b
    desk.wait_answered([ADMIN], timeout=120)
    desk.turn = 1  # B next: A published, B answers from the new build
    assert desk.deliver(api.text_update(ADMIN, UPLOAD_QUESTION), ADMIN) is b
    desk.wait_answered([ADMIN])
    answer = api.messages(ADMIN)[-1]["text"]
    assert "quokka-seven-lantern" in answer, answer
    after = json.loads(b.get("/healthz")[1])["index"]
    assert after["build"] != before and after["sections"] == health[1]["index"]["sections"] + 1

    # Telegram sends an update again (its 200 was lost), this time to the other replica: handled once
    told = {user: _logged(api, user) for user in USERS}
    again = {"update_id": 90001, **api.text_update(USERS[0], "/problem Counterfeit toner at Dayaowan")}
    assert api.deliver_webhook(a.webhook, SECRET, again) == 200
    assert api.deliver_webhook(b.webhook, SECRET, again) == 200
    api.wait_until(lambda: len(_logged(api, USERS[0])) > len(told[USERS[0]]), 30, "the repeated problem logged")
    _wait_outbox_settled(desk)
    _wait_inbox_empty(desk)
    assert desk.rows("SELECT attempts FROM inbox_update WHERE update_id = 90001") == [(1,)]  # started once
    assert len(_logged(api, USERS[0])) == len(told[USERS[0]]) + 1
    assert desk.rows("SELECT count(*) FROM item WHERE description = 'Counterfeit toner at Dayaowan'") == [(1,)]

    # A dies (SIGKILL) with updates in hand: B takes them up once their lease (4 s here) runs out
    for user in USERS[5:]:
        update = api.text_update(user, f"/problem Knock-off bearings of {user} at Dalian port")
        assert api.deliver_webhook(a.webhook, SECRET, update) == 200  # stored: Telegram will not send it again
    a.process.kill()
    a.process.wait()
    api.wait_until(lambda: all(len(_logged(api, u)) > len(told[u]) for u in USERS[5:]), 60,
                   "every problem logged after the kill")
    for user in USERS[5:]:
        made = desk.rows(f"SELECT id FROM item WHERE description = 'Knock-off bearings of {user} at Dalian port'")
        new = set(_logged(api, user)) - set(told[user])
        assert len(made) == 1 and new == {made[0][0]}, (user, made, _logged(api, user))
    api.wait_until(lambda: desk.rows("SELECT count(*) FROM inbox_update WHERE done_at IS NULL") == [(0,)], 30,
                   "the inbox empty")
    taken_up = re.findall(r"handling (\d+) updates interrupted", (desk.logs / "replica-B.log").read_text())
    print(f"\nB took up {sum(map(int, taken_up))} of the 5 updates A held when it was killed")


def _logged(api: FakeBotAPI, chat: int) -> list[int]:
    """The item numbers of the "Logged as #N" answers `chat` got."""
    found = [re.search(r"Logged as #(\d+)\.", str(m["text"])) for m in api.messages(chat)]
    return [int(m[1]) for m in found if m]


def _wait_inbox_empty(desk: Desk, timeout: float = 60) -> None:
    """Until every stored update is handled (polling the database)."""
    deadline = time.monotonic() + timeout
    while desk.rows("SELECT count(*) FROM inbox_update WHERE done_at IS NULL") != [(0,)]:
        assert time.monotonic() < deadline, "updates left unhandled"
        time.sleep(0.2)


def _wait_outbox_settled(desk: Desk, timeout: float = 90) -> None:
    """Until no notice is pending (polling the database, not holding the fake's lock meanwhile)."""
    pending = "SELECT count(*) FROM notification WHERE delivered_at IS NULL AND failed_at IS NULL"
    deadline = time.monotonic() + timeout
    while desk.rows(pending) != [(0,)]:
        assert time.monotonic() < deadline, desk.rows("SELECT id, chat_id, kind, attempts, failure_reason "
                                                      "FROM notification WHERE delivered_at IS NULL")
        time.sleep(0.2)
