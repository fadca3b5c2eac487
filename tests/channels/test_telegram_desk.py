"""The real Dialog and the real Tracker (SQLite file) behind the real Application, over HTTP to the fake
Bot API; only the answer engine and the knowledge desk are fakes (tests/fakes/fake_services.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core import texts
from bot.core.dialog import Dialog
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices, real_tracker
from tests.fakes.telegram_doubles import running_bot, settings_for

ALICE = 5_000_000_001  # an enterprise user
ADA = 7_000_000_001  # an admin
STAFF: dict[str, Any] = {"officer_chat_id": OFFICER_CHAT, "admin_ids": [ADA]}


@pytest.fixture
def services(api: FakeBotAPI, tmp_path: Path) -> FakeServices:
    tracker = real_tracker(tmp_path)
    tracker.bootstrap_admins([ADA])
    return FakeServices(tracker, settings=settings_for(api, **STAFF))


@pytest.fixture
def desk(api: FakeBotAPI, services: FakeServices) -> Iterator[FakeServices]:
    with running_bot(api, Dialog(services), services.tracker, **STAFF):
        yield services


def button_data(message: dict[str, Any], label: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {rows}"
    return str(found[0])


def test_start_is_answered_in_the_users_language(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "/start", language_code="zh-hans", first_name="Alice")
    [reply] = api.wait_for_messages(ALICE, 1)
    assert reply["text"] == texts.text("start", "zh", name="Alice") and reply["parse_mode"] == "HTML"


def test_a_question_escalated_by_button_reaches_the_officers_through_the_outbox(
    api: FakeBotAPI, desk: FakeServices
) -> None:
    api.send_text(ALICE, "What about my shipment?")
    [answer] = api.wait_for_messages(ALICE, 1)
    data = button_data(answer, texts.text("btn_ask_officer", "en"))
    api.press_button(ALICE, data, message_id=1)
    skip, log_it = texts.text("btn_skip", "en"), texts.text("btn_log_it", "en")
    for n, label in enumerate([skip] * 7 + [log_it], start=2):  # the intake, every step skipped, then logged
        step = api.wait_for_messages(ALICE, n)[-1]
        api.press_button(ALICE, button_data(step, label), message_id=n)
    assert api.wait_for_messages(ALICE, 10)[-1]["text"].startswith("Logged as #1.")
    assert api.calls_of("answerCallbackQuery")
    [notice] = api.wait_for_messages(OFFICER_CHAT, 1)
    assert "What about my shipment?" in notice["text"] and notice["parse_mode"] == "HTML"
    api.wait_until(lambda: desk.tracker.pending_count() == 0, 5, "the notice to be marked delivered")


def test_an_admin_uploads_a_knowledge_file_previewed_then_published(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_document(ADA, "faq.md", b"## Question {#q}\nAnswer.\n")
    [preview] = api.wait_for_messages(ADA, 1)
    assert preview["text"].startswith("<b>faq.md</b> is valid: a new topic <code>faq</code> with 1 entries")
    assert desk.knowledge.uploads == []  # nothing until Publish
    api.press_button(ADA, button_data(preview, "Publish"), message_id=1)
    published = api.wait_for_messages(ADA, 2)[1]
    assert published["text"].startswith("faq.md is published: 1 entries of faq indexed.")
    assert desk.knowledge.uploads == [("faq.md", b"## Question {#q}\nAnswer.\n")]
    assert [c.params["file_id"] for c in api.calls_of("getFile")] == ["doc1"]


def test_an_enterprises_markdown_file_is_refused_before_it_is_downloaded(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_document(ALICE, "faq.md", b"## Question {#q}\nAnswer.\n")
    api.wait_for_messages(ALICE, 1)  # a refusal (its words belong to the attachments' rules)
    assert api.calls_of("getFile") == [] and desk.knowledge.uploads == []


def test_a_sticker_gets_the_cores_text_only_answer(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_sticker(ALICE)
    assert api.wait_for_messages(ALICE, 1)[0]["text"] == texts.text("no_text", "en")


def test_notices_queued_while_the_bot_was_down_go_out_when_it_starts(
    api: FakeBotAPI, services: FakeServices
) -> None:
    services.tracker.ensure_user(user_id=ALICE, name="Alice")
    services.tracker.raise_item(actor_id=ALICE, title="Seized goods", description="Goods held at the port")
    assert services.tracker.pending_count() == 1
    with running_bot(api, Dialog(services), services.tracker, **STAFF):
        [notice] = api.wait_for_messages(OFFICER_CHAT, 1)
        api.wait_until(lambda: services.tracker.pending_count() == 0, 5, "the notice to be marked delivered")
    assert "Goods held at the port" in notice["text"]


def test_the_real_command_menus_are_published(api: FakeBotAPI, desk: FakeServices) -> None:
    menus = {
        (str(c.params.get("scope", {}).get("chat_id")), c.params.get("language_code")): c.params["commands"]
        for c in api.calls_of("setMyCommands")
    }
    chats = ("None", str(OFFICER_CHAT), str(ADA))
    assert set(menus) == {(chat, lang) for chat in chats for lang in (None, "zh")}
    assert all(menu for menu in menus.values())
    assert {"help", "problem"} <= {c["command"] for c in menus[("None", None)]}
    assert {"reindex"} <= {c["command"] for c in menus[(str(ADA), None)]}

def test_a_computed_answer_and_the_calc_walk_through_in_telegram(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "We were served the customs notice on 30 September 2026. What is the last day to reply?")
    [answer] = api.wait_for_messages(ALICE, 1)
    assert "<b>Last day: Saturday 10 October 2026</b>" in answer["text"] and answer["parse_mode"] == "HTML"
    api.press_button(ALICE, button_data(answer, "Calculator"), message_id=1)
    [_, pick] = api.wait_for_messages(ALICE, 2)
    assert "Which time limit?" in pick["text"]
    api.press_button(ALICE, button_data(pick, "Court notice, ex officio"), message_id=2)
    [*_, ask_date] = api.wait_for_messages(ALICE, 3)
    assert "Type the date it counts from" in ask_date["text"]
    api.send_text(ALICE, "2026-09-01")
    [*_, result] = api.wait_for_messages(ALICE, 4)
    assert "<b>Last day: Monday 16 November 2026</b>" in result["text"]
    assert "50 working days" in result["text"] and "Regulations Art. 24(2)" in result["text"]


def test_calc_guarantee_in_chinese_in_telegram(api: FakeBotAPI, desk: FakeServices) -> None:
    api.send_text(ALICE, "/calc", language_code="zh-hans")
    [menu] = api.wait_for_messages(ALICE, 1)
    api.press_button(ALICE, button_data(menu, "担保金额"), message_id=1)
    [_, routes] = api.wait_for_messages(ALICE, 2)
    api.press_button(ALICE, button_data(routes, "海关发现"), message_id=2)
    api.wait_for_messages(ALICE, 3)
    api.send_text(ALICE, "1.2万", language_code="zh-hans")
    [*_, result] = api.wait_for_messages(ALICE, 4)
    assert "<b>担保金额：人民币12,000元</b>" in result["text"]


OSCAR = 6_000_000_001  # an officer


def message_with(api: FakeBotAPI, chat_id: int, words: str) -> dict[str, Any]:
    """The first message to `chat_id` whose text contains `words`, once it has come."""
    api.wait_until(lambda: any(words in m["text"] for m in api.messages(chat_id)), 10, f"{words!r} to {chat_id}")
    return next(m for m in api.messages(chat_id) if words in m["text"])


def test_the_officers_path_is_notice_view_take_reply_close_with_this(
    api: FakeBotAPI, desk: FakeServices
) -> None:
    """Three presses and one typed answer clear an item, from the officers' chat to the enterprise's."""
    desk.tracker.ensure_user(user_id=OSCAR, name="Oscar")
    desk.tracker.grant_role(actor_id=None, user_id=OSCAR, role="officer")
    api.send_text(ALICE, "/problem Goods held at Dayaowan since Monday")
    notice = message_with(api, OFFICER_CHAT, "Goods held at Dayaowan")
    # 1: "Open #1" in the officers' group; the one view comes to the officer's own chat
    api.press_button(OSCAR, button_data(notice, "Open #1"), message_id=1, chat_id=OFFICER_CHAT)
    view = message_with(api, OSCAR, "Nobody holds it yet.")
    assert "From: Tester (user 5000000001)" in view["text"] and "What they wrote" in view["text"]
    # 2: Take; the bot now waits for the reply
    api.press_button(OSCAR, button_data(view, "Take #1"), message_id=2)
    message_with(api, OSCAR, "You took #1. Type your reply to the enterprise now")
    # the one typed answer
    api.send_text(OSCAR, "Please send the invoice; we release on receipt.")
    replied = message_with(api, OSCAR, "Close with this as the resolution?")
    # 3: Close with this
    api.press_button(OSCAR, button_data(replied, "Close #1 with this"), message_id=3)
    message_with(api, OSCAR, "#1 is resolved; the enterprise is told.")
    resolved = message_with(api, ALICE, "#1 is resolved: Please send the invoice; we release on receipt.")
    assert button_data(resolved, "Reopen #1") == "reopen:1"
    said = [m["text"].split("\n")[0] for m in api.messages(ALICE)]
    assert said[-3:] == [
        "#1 was taken by officer Tester.",  # the name Telegram gives is the one kept
        "Reply on #1 from officer Tester:",
        "#1 is resolved: Please send the invoice; we release on receipt.",
    ]
