"""One person on both channels: the real bot process polling a fake Telegram with WeCom served beside it
(`iprdesk run` with both settings). `/link` joins a Telegram user and a WeCom member; the item raised in
WeCom is seen from Telegram, and each notice goes to the channel the person wrote from last. An officer
works from Telegram; the officers' chat is the Telegram group."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.wecom_api import FakeWeComAPI
from tests.postgres import free_port

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
PERSON, OFFICER, OFFICER_CHAT = 7001, 800, -100800
MEMBER = "wangfang"


def _polling(api: FakeBotAPI) -> bool:
    """The bot polls: a getUpdates is held open (or was answered), not only the first one's 30 s finished."""
    return api.waiting_polls() > 0 or bool(api.calls_of("getUpdates", ok_only=False))


def _texts(messages: list[dict[str, Any]]) -> list[str]:
    return [str(m.get("text", "")) for m in messages]


@pytest.fixture
def desk(tmp_path: Path, real_index: Path) -> Iterator[tuple[FakeBotAPI, FakeWeComAPI, str, Path]]:
    port = free_port()
    database = tmp_path / "desk.db"
    with FakeBotAPI() as api, FakeWeComAPI() as wecom:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
        env.update(
            wecom.settings_env(), TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url,
            IPRDESK_OFFICER_CHAT_ID=str(OFFICER_CHAT), IPRDESK_DATABASE_URL=f"sqlite:///{database}",
            IPRDESK_KNOWLEDGE_DIR=str(REPO / "knowledge"), IPRDESK_INDEX_DIR=str(real_index),
            IPRDESK_WEBHOOK_LISTEN="127.0.0.1", IPRDESK_WEBHOOK_PORT=str(port), HF_HUB_OFFLINE="1",
            PYTHONPATH=str(REPO),
        )
        granted = subprocess.run([sys.executable, "-m", "bot", "users", "grant", str(OFFICER), "officer"],
                                 env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert granted.returncode == 0, granted.stderr
        log = tmp_path / "bot.log"
        with open(log, "w") as err:
            process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path,
                                       stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            deadline = time.monotonic() + 180  # a hang guard: the session's index is built, the bot only loads it
            while "WeCom: serving" not in log.read_text() or not _polling(api):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the bot did not come up: {log.read_text()}")
                time.sleep(0.2)
            yield api, wecom, f"http://127.0.0.1:{port}/wecom", database
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_one_person_linked_on_both_channels(desk: tuple[FakeBotAPI, FakeWeComAPI, str, Path]) -> None:
    api, wecom, callback, database = desk

    def say_wecom(text: str) -> None:
        assert wecom.post_callback(callback, wecom.text_xml(MEMBER, text)) == (200, "")

    # The item is raised in WeCom, before the accounts are linked.
    say_wecom("/problem 我们的专利产品在口岸被仿冒，请海关协助")
    logged = wecom.wait_for_text(MEMBER, lambda t: "#1" in t, timeout=60)
    assert "#1" in logged.text

    api.send_text(PERSON, "/link")
    [reply] = api.wait_for_messages(PERSON, 1, timeout=60)
    code = re.search(r"<code>([A-Z0-9]{8})</code>", reply["text"])
    assert code is not None
    say_wecom(f"/link {code[1]}")
    wecom.wait_for_text(MEMBER, lambda t: "关联成功" in t)

    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT owner_id FROM item WHERE id = 1").fetchall() == [(PERSON,)]
        assert connection.execute("SELECT user_id FROM channel_identity").fetchall() == [(PERSON,)]

    # Seen from Telegram too.
    api.send_text(PERSON, "/mine")
    api.wait_until(lambda: any("#1" in t for t in _texts(api.messages(PERSON))), 60, "/mine in Telegram")

    # The person wrote last from Telegram: the officer's take is told there.
    api.send_text(OFFICER, "/take 1")
    api.wait_until(lambda: len(api.messages(PERSON)) >= 3, 60, "the take's notice in Telegram")

    # Back in WeCom: the officer's reply is told in WeCom, and not in Telegram.
    heard = len(wecom.messages(MEMBER))
    say_wecom("/status 1")
    wecom.wait_for_messages(MEMBER, heard + 1)
    in_telegram = len(api.messages(PERSON))
    api.send_text(OFFICER, "/reply 1 请提供专利证书复印件")
    wecom.wait_for_text(MEMBER, lambda t: "请提供专利证书复印件" in t, timeout=60)
    assert not any("请提供专利证书复印件" in t for t in _texts(api.messages(PERSON)[in_telegram:]))


def test_beside_a_telegram_webhook_one_web_server_serves_both(tmp_path: Path, real_index: Path) -> None:
    """Webhook mode: the WeCom callback is a path of the Telegram webhook's server, with /healthz."""
    port = free_port()
    with FakeBotAPI() as api, FakeWeComAPI() as wecom:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
        env.update(
            wecom.settings_env(), TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_API_BASE_URL=api.base_url,
            IPRDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'desk.db'}", IPRDESK_KNOWLEDGE_DIR=str(REPO / "knowledge"),
            IPRDESK_INDEX_DIR=str(real_index), IPRDESK_WEBHOOK_LISTEN="127.0.0.1",
            IPRDESK_WEBHOOK_PORT=str(port), IPRDESK_WEBHOOK_SECRET="wecom-beside-secret", HF_HUB_OFFLINE="1",
            PYTHONPATH=str(REPO),
        )
        base = f"http://127.0.0.1:{port}"
        log = tmp_path / "bot.log"
        with open(log, "w") as err:
            process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--webhook-url", f"{base}/telegram"],
                                       env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=err, text=True)
        try:
            deadline = time.monotonic() + 180
            while "WeCom: serving" not in log.read_text() or not api.calls_of("setWebhook"):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the bot did not come up: {log.read_text()}")
                time.sleep(0.2)

            assert wecom.url_check(f"{base}/wecom", "echo-77") == (200, "echo-77")
            assert wecom.post_callback(f"{base}/wecom", wecom.text_xml(MEMBER, "/help")) == (200, "")
            assert api.deliver_webhook(f"{base}/telegram", "wecom-beside-secret",
                                       api.text_update(PERSON, "/help")) == 200
            wecom.wait_for_messages(MEMBER, 1, timeout=60)
            api.wait_for_messages(PERSON, 1, timeout=60)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
