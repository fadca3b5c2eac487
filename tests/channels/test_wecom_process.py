"""WeCom end to end: the real bot process (`iprdesk start` with only the WeCom settings) receiving encrypted
callbacks from a fake WeCom, answering through the fake's message/send. An enterprise asks, logs a problem,
and hears each step an officer (a WeCom member too) takes; notices survive an expired token and a rate
limit and arrive once; forged, broken, replayed and unknown callbacks change nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.tracker.db import make_engine
from bot.tracker.service import Tracker
from tests.fakes.wecom_api import FakeWeComAPI
from tests.postgres import free_port

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
OFFICER_GROUP = "wrOfficersChat01"


@dataclass
class Bot:
    wecom: FakeWeComAPI
    base: str
    database: Path
    log: Path

    @property
    def callback(self) -> str:
        return f"{self.base}/wecom"

    def say(self, user: str, text: str) -> None:
        assert self.wecom.post_callback(self.callback, self.wecom.text_xml(user, text)) == (200, "")

    def press(self, user: str, key: str) -> None:
        assert self.wecom.post_callback(self.callback, self.wecom.button_xml(user, key)) == (200, "")

    def rows(self, query: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database) as connection:
            return list(connection.execute(query).fetchall())

    def desk_id(self, user: str) -> int:
        [(user_id,)] = self.rows(f"SELECT user_id FROM channel_identity WHERE external_id = '{user}'")
        return int(str(user_id))

    def answer_to(self, user: str, n_before: int, timeout: float = 60) -> str:
        """The text of the messages `user` got after the first `n_before`, once there is one."""
        try:
            messages = self.wecom.wait_for_messages(user, n_before + 1, timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}\nthe bot's log:\n{self.log.read_text()[-3000:]}") from None
        return "\n".join(m.text for m in messages[n_before:])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, real_index: Path) -> Iterator[Bot]:
    tmp = tmp_path_factory.mktemp("wecom")
    port = free_port()
    database = tmp / "desk.db"
    with FakeWeComAPI() as wecom:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
        env.update(
            wecom.settings_env(), IPRDESK_WECOM_OFFICER_CHAT=OFFICER_GROUP,
            IPRDESK_DATABASE_URL=f"sqlite:///{database}", IPRDESK_KNOWLEDGE_DIR=str(REPO / "knowledge"),
            IPRDESK_INDEX_DIR=str(real_index), IPRDESK_WEBHOOK_LISTEN="127.0.0.1",
            IPRDESK_WEBHOOK_PORT=str(port), HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO),
        )
        log = tmp / "bot.log"
        with open(log, "w") as err:
            process = subprocess.Popen([sys.executable, "-m", "bot", "start"], env=env, cwd=tmp,
                                       stdout=subprocess.DEVNULL, stderr=err, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while _get(f"{base}/healthz") != 200:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the bot did not come up: {log.read_text()}")
                time.sleep(0.2)
            yield Bot(wecom, base, database, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_wecoms_url_check_is_answered_with_the_echo(bot: Bot) -> None:
    assert bot.wecom.url_check(bot.callback, "echo-5150") == (200, "echo-5150")


def test_a_forged_callback_gets_403_and_nothing_is_stored(bot: Bot) -> None:
    query, body = bot.wecom.encrypted(bot.wecom.text_xml("mallory", "/problem forged"))
    query["msg_signature"] = "0" * 40

    assert bot.wecom.post_raw(bot.callback, query, body)[0] == 403
    assert bot.rows("SELECT * FROM channel_identity WHERE external_id = 'mallory'") == []
    assert bot.rows("SELECT key FROM channel_inbox WHERE payload LIKE '%mallory%'") == []


def test_an_enterprise_asks_logs_and_hears_every_step_of_an_officer_in_wecom(bot: Bot) -> None:
    wecom = bot.wecom
    bot.say("zhangsan", "申请海关扣留侵权嫌疑货物需要提供多少担保？")
    answer = bot.answer_to("zhangsan", 0)
    assert "担保" in answer

    bot.say("zhangsan", "/problem 我们的注册商标被假冒，货物在大连港出口，需要海关帮助")
    wecom.wait_until(lambda: bot.rows("SELECT id FROM item") != [], 60, "the item logged")
    [(item_id, owner)] = bot.rows("SELECT id, owner_id FROM item")
    assert owner == bot.desk_id("zhangsan") >= 2**53
    logged = wecom.wait_for_text("zhangsan", lambda t: f"#{item_id}" in t)
    assert logged.body["msgtype"] == "template_card" and len(logged.keys) > 1  # the category buttons
    bot.press("zhangsan", logged.keys[0])  # WeCom's template_card_event with the button's key
    wecom.wait_until(lambda: bot.rows(f"SELECT category FROM item WHERE id = {item_id}") != [("other",)], 60,
                     "the category pressed on the card")
    assert wecom.wait_for_text(OFFICER_GROUP, lambda t: f"#{item_id}" in t)  # the officers' WeCom group chat

    # The officer is a WeCom member too, made an officer as an admin would.
    bot.say("lisi", "/start")
    bot.answer_to("lisi", 0)
    Tracker(make_engine(f"sqlite:///{bot.database}")).grant_role(actor_id=None, user_id=bot.desk_id("lisi"),
                                                               role="officer")
    wecom.wait_for_messages("lisi", 2)  # "you are now an officer", through the WeCom sender

    heard = len(wecom.messages("zhangsan"))
    bot.say("lisi", f"/take {item_id}")
    wecom.wait_until(lambda: len(wecom.messages("zhangsan")) > heard, 60, "the enterprise hears of the take")

    # The reply's notice meets an expired token, then a rate limit: it still arrives, once.
    wecom.expire_token()
    wecom.fail_next_sends(45009)
    bot.say("lisi", f"/reply {item_id} 已收到材料，正在核查备案信息")
    wecom.wait_for_text("zhangsan", lambda t: "正在核查备案信息" in t)
    bot.say("lisi", f"/close {item_id} 已协调口岸处理完毕")
    wecom.wait_for_text("zhangsan", lambda t: "已协调口岸处理完毕" in t)

    replies = [m for m in wecom.messages("zhangsan") if "正在核查备案信息" in m.text]
    assert len(replies) == 1
    codes = [c.errcode for c in wecom.calls()]
    assert 42001 in codes and 45009 in codes
    [(status,)] = bot.rows(f"SELECT status FROM item WHERE id = {item_id}")
    assert status in ("resolved", "closed")


def test_a_replayed_callback_is_handled_once(bot: Bot) -> None:
    wecom = bot.wecom
    xml = wecom.text_xml("wangwu", "/help")
    query, body = wecom.encrypted(xml)
    assert wecom.post_raw(bot.callback, query, body) == (200, "")
    assert wecom.post_raw(bot.callback, query, body) == (200, "")  # WeCom's retry of the same callback
    bot.say("wangwu", "/mine")  # handled after the /help (one member's callbacks in order)
    wecom.wait_for_messages("wangwu", 2)

    helps = [m for m in wecom.messages("wangwu") if m.text.startswith("您可以")]  # the help's header
    assert len(helps) == 1


def test_an_unknown_type_gets_a_hint_and_broken_callbacks_change_nothing(bot: Bot) -> None:
    wecom = bot.wecom
    assert wecom.post_callback(bot.callback, wecom.image_xml("zhaoliu")) == (200, "")
    [hint] = wecom.wait_for_messages("zhaoliu", 1)
    assert "文字" in hint.text

    users = bot.rows("SELECT count(*) FROM user_account")
    assert wecom.post_callback(bot.callback, "<xml><FromUserName>broken") == (200, "")  # signed, bad XML
    assert wecom.post_raw(bot.callback, {"msg_signature": "x", "timestamp": "1", "nonce": "n"}, b"<xml")[0] == 400
    assert bot.rows("SELECT count(*) FROM user_account") == users
    assert _get(f"{bot.base}/healthz") == 200  # still serving
