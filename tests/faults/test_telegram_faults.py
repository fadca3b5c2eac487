"""Telegram faults not covered in tests/channels: a reply whose sendMessage outlasts the read timeout, and a
user who blocked the bot while their item is open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fakes.bot_api import FakeBotAPI
from tests.faults.conftest import BotProcess, query

pytestmark = pytest.mark.model

USER, OFFICER = 5001, 5900
LOGGED = re.compile(r"Logged as #(\d+)\.")


@pytest.mark.timeout(120, func_only=True)
def test_reply_send_timing_out_keeps_the_item_apologises_and_serves_on(
    fake_api: FakeBotAPI, workspace: Path, bots: list[BotProcess]
) -> None:
    url = f"sqlite:///{workspace / 'bot.db'}"
    bot = BotProcess(fake_api, workspace, url)
    bots.append(bot)
    bot.start()
    fake_api.delay_next("sendMessage", 12.0)  # beyond the client's 10 s read timeout; then hung up on
    fake_api.send_text(USER, "/problem the reply to this one times out")
    [apology] = fake_api.wait_for_messages(USER, 1, timeout=30)
    assert "Please try again in a moment" in str(apology["text"])
    items = query(url, "SELECT id, description FROM item WHERE owner_id = :u", u=USER)
    assert [row.description for row in items] == ["the reply to this one times out"]  # kept, once
    fake_api.send_text(USER, "/mine")
    mine = str(fake_api.wait_for_messages(USER, 2, timeout=20)[-1]["text"])
    assert f"#{items[0].id}" in mine  # the user finds it
    assert bot.stop() == 0


def test_user_who_blocked_the_bot_keeps_the_open_item_and_the_notice_is_undeliverable(
    fake_api: FakeBotAPI, workspace: Path, bots: list[BotProcess]
) -> None:
    url = f"sqlite:///{workspace / 'bot.db'}"
    bot = BotProcess(fake_api, workspace, url, IPRDESK_ADMIN_IDS=str(OFFICER))
    bots.append(bot)
    bot.start()
    fake_api.send_text(USER, "/problem goods detained at Dalian")
    match = LOGGED.search(str(fake_api.wait_for_messages(USER, 1, timeout=20)[-1]["text"]))
    assert match is not None
    item = int(match[1])
    fake_api.block_chat(USER)
    fake_api.send_text(OFFICER, f"/reply {item} please send the invoice")
    fake_api.wait_for_messages(OFFICER, 1, timeout=20)
    fake_api.wait_until(
        lambda: bool(query(url, "SELECT 1 FROM notification WHERE failed_at IS NOT NULL")), 20, "undeliverable"
    )
    assert bot.stop() == 0
    [notice] = query(url, "SELECT chat_id, delivered_at, failure_reason, attempts FROM notification")
    assert notice.chat_id == USER and notice.delivered_at is None and notice.attempts == 1
    assert "blocked by the user" in notice.failure_reason
    [(status,)] = query(url, "SELECT status FROM item WHERE id = :i", i=item)
    assert status == "in_progress"  # kept, with the officer on it
