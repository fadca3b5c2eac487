"""Two real bot processes serving WeCom alone (`iprdesk start` with only the WeCom settings) on one PostgreSQL
database, fed by a fake WeCom: a replica killed (SIGKILL) while it handles a callback WeCom already got its
200 for (an officer's reply) leaves it to the other, which takes it up once the lease runs out (the reply
written once, the enterprise told once, the officer answered once); numbered choices shown by one replica
are pressed by a "1" that reaches the other. Slow (model, two start-ups per test)."""

from __future__ import annotations

import os
import re
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

from bot.tracker.db import make_engine, migrate
from bot.tracker.service import Tracker
from tests.fakes.wecom_api import HELD, FakeWeComAPI, Sent
from tests.postgres import PostgresServer, free_port, postgres_server  # noqa: F401  (the session's server)

pytestmark = [pytest.mark.postgres, pytest.mark.model]

REPO = Path(__file__).resolve().parents[2]
OFFICER_GROUP = "wrOfficersChat02"
LEASE_S = 4  # as the Telegram replica test: a dead replica's callbacks are taken up after 4-6 s


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen[str]
    log: Path

    @property
    def callback(self) -> str:
        return f"http://127.0.0.1:{self.port}/wecom"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5) as response:
                return int(response.status) == 200
        except (urllib.error.URLError, OSError):
            return False


@dataclass
class Desk:
    wecom: FakeWeComAPI
    a: Replica
    b: Replica
    engine_url: str  # SQLAlchemy's
    database_url: str  # psycopg's

    def say(self, replica: Replica, user: str, content: str) -> None:
        assert self.wecom.post_callback(replica.callback, self.wecom.text_xml(user, content)) == (200, "")

    def press(self, replica: Replica, user: str, key: str) -> None:
        assert self.wecom.post_callback(replica.callback, self.wecom.button_xml(user, key)) == (200, "")

    def rows(self, query: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url) as connection:
            return list(connection.execute(query).fetchall())

    def next_message(self, user: str, after: int, predicate: Any, what: str) -> Sent:
        """The first message to `user` past the first `after` that matches, waiting for it."""
        def found() -> bool:
            return any(predicate(m) for m in self.wecom.messages(user)[after:])

        try:
            self.wecom.wait_until(found, 60, what)
        except AssertionError as error:
            logs = "\n".join(f"--- {r.name}\n{r.log.read_text()[-2000:]}" for r in (self.a, self.b))
            raise AssertionError(f"{error}\n{logs}") from None
        return next(m for m in self.wecom.messages(user)[after:] if predicate(m))

    def wait_rows(self, query: str, expected: list[tuple[Any, ...]], what: str, timeout: float = 60) -> None:
        """Until `query` gives `expected` (polling the database, as the Telegram replica test does)."""
        deadline = time.monotonic() + timeout
        while (got := self.rows(query)) != expected:
            assert time.monotonic() < deadline, f"{what}: {got}"
            time.sleep(0.2)


def _env(wecom: FakeWeComAPI, database_url: str, port: int, index_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
    env.update(
        wecom.settings_env(), IPRDESK_WECOM_OFFICER_CHAT=OFFICER_GROUP, IPRDESK_DATABASE_URL=database_url,
        IPRDESK_KNOWLEDGE_DIR=str(REPO / "knowledge"), IPRDESK_INDEX_DIR=str(index_dir),
        IPRDESK_WEBHOOK_LISTEN="127.0.0.1", IPRDESK_WEBHOOK_PORT=str(port),
        IPRDESK_INBOX_LEASE_SECONDS=str(LEASE_S), HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO),
    )
    return env


@pytest.fixture
def desk(postgres_server: PostgresServer, tmp_path: Path, real_index: Path) -> Iterator[Desk]:  # noqa: F811
    database_url = postgres_server.create_database()
    engine = make_engine(database_url)
    migrate(engine)  # once, before the replicas
    engine.dispose()
    with FakeWeComAPI() as wecom:
        replicas: list[Replica] = []
        try:
            for name in ("A", "B"):
                port, log = free_port(), tmp_path / f"replica-{name}.log"
                with open(log, "w") as err:
                    process = subprocess.Popen([sys.executable, "-m", "bot", "start"],
                                               env=_env(wecom, database_url, port, real_index), cwd=tmp_path,
                                               stdout=subprocess.DEVNULL, stderr=err, text=True)
                replicas.append(Replica(name, port, process, log))
            for replica in replicas:
                deadline = time.monotonic() + 180
                while not replica.healthy():
                    if replica.process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"replica {replica.name} did not come up: {replica.log.read_text()}")
                    time.sleep(0.2)
            a, b = replicas
            yield Desk(wecom, a, b, database_url, database_url.replace("postgresql+psycopg://", "postgresql://"))
        finally:
            wecom.release()
            for replica in replicas:
                replica.process.terminate()
            for replica in replicas:
                try:
                    replica.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    replica.process.kill()
                    replica.process.wait()


def test_a_callback_whose_replica_dies_while_handling_it_is_taken_up_by_the_other_once(desk: Desk) -> None:
    wecom, a, b = desk.wecom, desk.a, desk.b
    desk.say(b, "zhangsan", "/problem 我们的注册商标被假冒，货物在大连港出口，请海关协助扣留")
    desk.next_message("zhangsan", 0, lambda m: "#" in m.text, "the problem logged")
    [(item_id,)] = desk.rows("SELECT id FROM item")
    desk.say(b, "lisi", "/start")
    desk.next_message("lisi", 0, lambda m: True, "the officer's first answer")
    [(officer,)] = desk.rows("SELECT user_id FROM channel_identity WHERE external_id = 'lisi'")
    Tracker(make_engine(desk.engine_url)).grant_role(actor_id=None, user_id=int(officer), role="officer")
    desk.next_message("lisi", 1, lambda m: True, "the officer told of the role")
    heard = len(wecom.messages("zhangsan"))

    wecom.hold_next_send("lisi")  # A's answer to the officer waits at WeCom: A is killed inside the send
    desk.say(a, "lisi", f"/reply {item_id} 已收到材料，正在核查备案信息")  # 200: WeCom will not send it again
    wecom.wait_until(lambda: wecom.holding, 60, "A sending its answer")
    # The enterprise's notice goes its own way (the outbox): settled before the kill, so the kill tests the
    # callback alone.
    desk.wait_rows("SELECT count(*) FROM notification WHERE delivered_at IS NULL AND failed_at IS NULL", [(0,)],
                   "the enterprise's notice settled")
    a.process.kill()
    a.process.wait()
    wecom.release()

    desk.next_message("lisi", 2, lambda m: f"#{item_id}" in m.text, "B's answer to the callback")
    desk.wait_rows("SELECT count(*) FROM channel_inbox WHERE done_at IS NULL", [(0,)], "the inbox handled")

    assert desk.rows("SELECT attempts FROM channel_inbox WHERE payload LIKE '%/reply%'") == [(2,)]  # A's, B's
    assert desk.rows("SELECT count(*) FROM item_event WHERE event = 'officer_reply'") == [(1,)]  # written once
    replies = [m for m in wecom.messages("zhangsan")[heard:] if "正在核查备案信息" in m.text]
    assert len(replies) == 1, wecom.messages("zhangsan")  # the enterprise told once
    answers = wecom.messages("lisi")[2:]  # what WeCom accepted for the officer: B's answer alone, once
    assert answers and max(Counter(m.text for m in answers).values()) == 1, answers
    assert [c.errcode for c in wecom.calls() if c.to == "lisi" and c.errcode != 0] == [HELD]  # A's, held
    assert re.search(r"handling 1 callbacks interrupted", b.log.read_text())


def test_a_number_typed_to_one_replica_presses_the_choice_the_other_showed(desk: Desk) -> None:
    a, b, user = desk.a, desk.b, "lisi"

    def card_after(n: int, what: str) -> Sent:
        return desk.next_message(user, n, lambda m: bool(m.keys), what)

    desk.say(a, user, "/problem")
    categories = card_after(0, "the category card")
    n = len(desk.wecom.messages(user))
    desk.press(b, user, categories.keys[0])
    desk.next_message(user, n, lambda m: not m.keys, "the ask for the description")
    n = len(desk.wecom.messages(user))
    desk.say(a, user, "仿冒运动鞋，请海关帮助")
    field = card_after(n, "the first intake field")
    for turn in range(10):  # every field of the intake skipped (Skip is each card's last button)
        if any(key.startswith("in:edit") for key in field.keys):
            break  # the summary: Log it / Edit / Cancel
        assert field.keys[-1].endswith(":-"), field.keys
        n = len(desk.wecom.messages(user))
        desk.press((a, b)[turn % 2], user, field.keys[-1])
        field = card_after(n, f"the card after skip {turn + 1}")
    [edit] = [key for key in field.keys if key.startswith("in:edit")]

    n = len(desk.wecom.messages(user))
    desk.press(a, user, edit)  # seven fields to edit: more than a card takes, so numbered in the text
    numbered = desk.next_message(user, n, lambda m: "[7]" in m.text, "the numbered fields")
    assert numbered.body["msgtype"] == "text" and "[1]" in numbered.text

    n = len(desk.wecom.messages(user))
    desk.say(b, user, "1")  # to the other replica
    again = card_after(n, "the first field asked again")
    assert again.keys and all(key.startswith("in:right_kind:") for key in again.keys), again.keys
