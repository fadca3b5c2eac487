"""Issue 16, the second security review, through the real Application, the real Dialog and a real Tracker
over HTTP to the fake Bot API (only the answer engine and the knowledge desk are fakes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from bot.channels.telegram.inbox import InboxOptions
from bot.channels.telegram.reply import MAX_PARTS
from bot.core import texts
from bot.core.dialog import Dialog
from tests.channels.test_telegram_desk import ADA, ALICE, STAFF
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import FakeServices, real_tracker
from tests.fakes.telegram_doubles import FAST, FakeDialog, FakeOutbox, running_bot, settings_for

GROUP_ANONYMOUS_BOT = 1087968824
CHANNEL_BOT = 136817688
GROUP_A, GROUP_B = -100_111, -100_222


@pytest.fixture
def services(api: FakeBotAPI, tmp_path: Path) -> FakeServices:
    tracker = real_tracker(tmp_path)
    tracker.bootstrap_admins([ADA])
    return FakeServices(tracker, settings=settings_for(api, **STAFF))


@pytest.fixture
def desk(api: FakeBotAPI, services: FakeServices) -> Iterator[FakeServices]:
    with running_bot(api, Dialog(services), services.tracker, **STAFF):
        yield services


def user_ids(services: FakeServices) -> set[int]:
    with services.tracker._engine.connect() as connection:  # the test reads the table itself
        return {row[0] for row in connection.execute(sql("SELECT id FROM user_account"))}


def test_anonymous_admins_and_channel_posts_never_act_as_a_person(api: FakeBotAPI, desk: FakeServices) -> None:
    """Company A's anonymous admin logs #1 in group A; company B's anonymous admin asks for it in group B."""
    desk.tracker.ensure_user(user_id=ALICE, name="Alice")
    desk.tracker.raise_item(actor_id=ALICE, title="Held goods", description="Container MSCU1234567")
    for user_id, chat_id in ((GROUP_ANONYMOUS_BOT, GROUP_A), (GROUP_ANONYMOUS_BOT, GROUP_B), (CHANNEL_BOT, GROUP_B)):
        for said in ("/mine", "/status 1", "/close 1"):
            body = api.text_update(user_id, said, chat_id=chat_id, chat_type="supergroup", first_name="Group")
            body["message"]["from"]["is_bot"] = True
            body["message"]["sender_chat"] = {"id": chat_id, "type": "supergroup", "title": "Company"}
            api.push(body)
    replies = api.wait_for_messages(GROUP_B, 6)
    assert {m["text"] for m in replies + api.messages(GROUP_A)} == {texts.text("not_a_person", "en")}
    assert GROUP_ANONYMOUS_BOT not in user_ids(desk) and CHANNEL_BOT not in user_ids(desk)
    [item] = desk.tracker.my_items(actor_id=ALICE)
    assert item.status == "open"


# -- 7. the role is checked before a document is downloaded ---------------------------------------------


def test_only_an_admins_markdown_file_is_downloaded(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_document(ALICE, "faq.md", b"## Question {#q}\nAnswer.\n")
    [refused] = api.wait_for_messages(ALICE, 1)
    assert "faq.md" not in refused["text"]  # not taken as a knowledge file
    assert api.calls_of("getFile") == []  # and never fetched: the role was asked first
    api.send_document(ADA, "faq.md", b"## Question {#q}\nAnswer.\n")
    [accepted] = api.wait_for_messages(ADA, 1)
    assert "faq.md" in accepted["text"]  # taken up as a knowledge file (checked, then published or previewed)
    assert len(api.calls_of("getFile")) == 1


# -- 4. no reply occupies a chat for minutes ------------------------------------------------------------


def test_a_huge_reply_is_capped_at_a_few_messages_with_a_note(api: FakeBotAPI) -> None:
    with running_bot(api, FakeDialog(), FakeOutbox()):
        api.send_text(7, "long 200000", language_code="zh-hans")  # ~50 messages' worth
        api.send_text(7, "/start")  # the next message is answered, after at most MAX_PARTS
        api.wait_until(lambda: any("Hello" in m["text"] for m in api.messages(7)), 20, "the /start reply")
    sent = [m["text"] for m in api.messages(7)]
    assert len(sent) == MAX_PARTS + 1
    assert sent[MAX_PARTS - 1] == texts.text("reply_shortened", "zh")


# -- 8. backpressure: one flooding chat neither fills memory nor starves the others ----------------------

FLOOD, OTHER = 7_100_000_001, 7_100_000_002


def test_one_flooding_chat_neither_fills_memory_nor_starves_the_others(api: FakeBotAPI, tmp_path: Path) -> None:
    dialog = FakeDialog()  # "hold flood" is answered once the test opens that gate
    unthrottled = replace(FAST, throttle_chat_rate=1000.0, throttle_overall_rate=1000.0)
    with running_bot(api, dialog, real_tracker(tmp_path), options=unthrottled) as app:
        api.send_text(FLOOD, "hold flood")
        for n in range(300):
            api.send_text(FLOOD, f"m{n}")
        api.wait_until(lambda: api.pending_updates() == 0, 120, "the flood stored and confirmed")
        api.send_text(OTHER, "hello")
        # answered while the flood waits
        assert [m["text"] for m in api.wait_for_messages(OTHER, 1, timeout=60)] == ["echo hello"]
        assert 0 < app.update_processor.in_flight(FLOOD) <= InboxOptions().max_per_chat
        dialog.gate("flood").set()
        api.wait_for_messages(FLOOD, 301, timeout=180)  # nothing lost: the deferred ones were recovered
    assert [m["text"] for m in api.messages(FLOOD)] == ["held flood", *(f"echo m{n}" for n in range(300))]
