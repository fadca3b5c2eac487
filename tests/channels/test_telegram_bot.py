"""The real Application, polling the fake Bot API over HTTP, with a scripted Dialog."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator

import pytest

from bot.channels.telegram.application import api_urls, build_application
from bot.channels.telegram.channel import MissingToken
from bot.channels.telegram.split import units
from bot.channels.telegram.updates import own_command
from bot.config import Settings
from bot.core import texts
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import FakeServices
from tests.fakes.telegram_doubles import FAST, FakeDialog, FakeOutbox, running_bot

USER, OTHER = 7, 8
# PTB 22 warns about RetryAfter.retry_after on every 429; bot/channels/telegram/reply.py reads both types.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")


@pytest.fixture
def dialog() -> FakeDialog:
    return FakeDialog()


@pytest.fixture
def bot(api: FakeBotAPI, dialog: FakeDialog) -> Iterator[None]:
    with running_bot(api, dialog, FakeOutbox()):
        yield


def texts_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    return [m["text"] for m in api.messages(chat_id)]


def test_a_text_gets_an_html_reply_with_buttons(api: FakeBotAPI, dialog: FakeDialog, bot: None) -> None:
    api.send_text(USER, "/start", language_code="zh-hans")
    [reply] = api.wait_for_messages(USER, 1)
    assert reply["text"] == "<b>Hello</b> &amp; welcome" and reply["parse_mode"] == "HTML"
    assert reply["reply_markup"] == {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"},
                                                          {"text": "No", "callback_data": "no"}]]}
    [seen] = dialog.seen
    assert (seen.user_id, seen.chat_id, seen.text, seen.language_code, seen.chat_type) == (
        USER, USER, "/start", "zh-hans", "private")
    assert seen.user_name == "Tester"


def test_a_button_press_is_answered_then_replied_to(api: FakeBotAPI, dialog: FakeDialog, bot: None) -> None:
    query_id = api.press_button(USER, "yes", message_id=5)
    [reply] = api.wait_for_messages(USER, 1)
    assert reply["text"] == "pressed <b>yes</b>"
    [answered] = api.calls_of("answerCallbackQuery")
    assert answered.params["callback_query_id"] == query_id
    assert answered.at < api.calls_of("sendMessage")[0].at  # the spinner stops before the answer comes
    assert dialog.seen[0].button == "yes" and dialog.seen[0].text is None


def test_a_markdown_file_is_downloaded_and_handed_to_the_core(
    api: FakeBotAPI, dialog: FakeDialog, bot: None
) -> None:
    api.send_document(USER, "faq.md", b"## Question\nAnswer\n")
    [reply] = api.wait_for_messages(USER, 1)
    assert reply["text"] == "file faq.md: 19 bytes"
    assert dialog.seen[0].document is not None and dialog.seen[0].document.data == b"## Question\nAnswer\n"
    assert len(api.calls_of("getFile")) == 1


@pytest.mark.parametrize(("name", "size"), [("photo.jpg", 10), ("huge.md", 2 * 1024 * 1024)])
def test_other_files_are_not_downloaded(
    api: FakeBotAPI, dialog: FakeDialog, bot: None, name: str, size: int
) -> None:
    api.send_document(USER, name, b"x" * 10, file_size=size)
    assert api.wait_for_messages(USER, 1)[0]["text"] == f"file {name}: refused"
    assert api.calls_of("getFile") == []
    assert dialog.seen[0].document is not None and dialog.seen[0].document.size == size


def test_stickers_edits_and_channel_posts_do_not_stop_the_bot(
    api: FakeBotAPI, dialog: FakeDialog, bot: None
) -> None:
    api.send_sticker(USER)
    api.send_photo(USER)
    api.send_edited(USER, "changed", message_id=1)
    api.send_channel_post(-1001, "news")
    api.press_button(USER, "not-a-known-button", message_id=3)
    api.send_text(USER, "still there?")
    api.wait_for_messages(USER, 4)
    assert texts_to(api, USER) == [
        "text only", "text only", "pressed <b>not-a-known-button</b>", "echo still there?"
    ]
    assert [m.text for m in dialog.seen] == [None, None, None, "still there?"]
    assert api.messages(-1001) == []


def test_one_chat_is_answered_in_order_while_another_proceeds(
    api: FakeBotAPI, dialog: FakeDialog, bot: None
) -> None:
    api.send_text(USER, "hold first")
    api.send_text(USER, "second")
    api.wait_until(lambda: any(s.text == "hold first" for s in dialog.seen), 10, "the first answer started")
    api.send_text(OTHER, "meanwhile")
    api.wait_for_messages(OTHER, 1)  # answered while the first chat's answer is still held
    assert texts_to(api, USER) == [] and [s.text for s in dialog.seen].count("second") == 0  # it waits its turn
    dialog.gate("first").set()
    api.wait_for_messages(USER, 2)
    assert texts_to(api, USER) == ["held first", "echo second"]


def test_typing_is_shown_only_while_a_slow_answer_is_awaited(api: FakeBotAPI) -> None:
    dialog = FakeDialog()
    # "typing…" after 2 s: far beyond an echo's few milliseconds; the held answers end only once it showed.
    with running_bot(api, dialog, FakeOutbox(), options=dataclasses.replace(FAST, typing_after_s=2.0)):
        api.send_text(USER, "quick")
        api.send_text(OTHER, "hold slow")
        api.send_text(USER, "hold chatter", chat_id=-100, chat_type="supergroup")  # officers' chatter: no typing
        api.wait_for_calls("sendChatAction", 1)
        api.wait_for_messages(USER, 1)
        dialog.gate("slow").set()
        dialog.gate("chatter").set()
        api.wait_for_messages(OTHER, 1)
        api.wait_for_messages(-100, 1)
    typing = [(c.params["chat_id"], c.params["action"]) for c in api.calls_of("sendChatAction")]
    assert typing == [(OTHER, "typing")]
    [typed] = api.calls_of("sendChatAction")
    [answer] = [c for c in api.calls_of("sendMessage") if c.params["chat_id"] == OTHER]
    assert typed.at < answer.at  # shown while the user waited, not after


def test_a_failure_is_logged_without_the_token_and_answered_with_an_apology(
    api: FakeBotAPI, bot: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api.send_text(USER, "boom")
    api.send_text(USER, "after")
    api.wait_until(lambda: "echo after" in texts_to(api, USER), 10, "the bot to answer after a failure")
    assert "RuntimeError: the core failed" in caplog.text
    assert api.token not in caplog.text and api.token.split(":")[1] not in caplog.text
    assert texts_to(api, USER) == [texts.text("error", "en"), "echo after"]


def test_a_long_answer_is_split_and_the_buttons_stay_last(api: FakeBotAPI, bot: None) -> None:
    api.send_text(USER, "long 10000")
    words = 50 * (10000 // 256 + 1)
    api.wait_until(lambda: sum(t.count("word") for t in texts_to(api, USER)) >= words, 10, "the whole answer")
    parts = api.messages(USER)
    assert all(units(p["text"]) <= 4096 for p in parts) and all(p["text"].startswith("<i>") for p in parts)
    assert sum(p["text"].count("word") for p in parts) == 50 * (10000 // 256 + 1)


def test_a_group_command_for_another_bot_is_ignored(api: FakeBotAPI, dialog: FakeDialog, bot: None) -> None:
    api.send_text(USER, "/start@someone_else_bot", chat_id=-100, chat_type="supergroup")
    api.send_text(USER, f"/start@{api.username} now", chat_id=-100, chat_type="supergroup")
    api.send_text(USER, f"/start@{api.username} last", chat_id=-100, chat_type="supergroup")
    api.wait_for_messages(-100, 2)  # the chat's updates are handled in order: the first was dropped before
    assert [m.text for m in dialog.seen] == ["/start now", "/start last"] and dialog.seen[0].chat_type == "supergroup"


def test_a_reply_for_a_blocked_chat_does_not_cost_the_user_theirs(api: FakeBotAPI, bot: None) -> None:
    api.block_chat(OTHER)
    api.send_text(USER, f"to {OTHER}")
    api.send_text(USER, "next")
    api.wait_for_messages(USER, 2)
    assert texts_to(api, USER) == ["for you", "echo next"]


def test_the_command_menus_are_published_per_language_and_for_the_officers(api: FakeBotAPI) -> None:
    with running_bot(api, FakeDialog(), FakeOutbox(), officer_chat_id=-500):
        calls = [c.params for c in api.calls_of("setMyCommands")]
    menus = {(str(c.get("scope", {}).get("chat_id")), c.get("language_code")): c["commands"][0]["description"]
             for c in calls}
    assert menus == {("None", None): "enterprise start en", ("None", "zh"): "enterprise start zh",
                     ("-500", None): "officer start en", ("-500", "zh"): "officer start zh"}


def test_a_flood_wait_on_an_answer_is_waited_out(api: FakeBotAPI, bot: None) -> None:
    api.fail_next("sendMessage", status=429, retry_after=1)
    started = time.monotonic()
    api.send_text(USER, "hello")
    assert [m["text"] for m in api.wait_for_messages(USER, 1)] == ["echo hello"]
    assert time.monotonic() - started >= 1


def test_commands_addressed_to_this_bot_lose_the_mention() -> None:
    assert own_command("/start@IPRdesk_bot hello", "iprdesk_bot") == "/start hello"
    assert own_command("/start@other_bot", "iprdesk_bot") is None
    assert own_command("mail me at a@b.c", "iprdesk_bot") == "mail me at a@b.c"
    assert own_command("/help", "iprdesk_bot") == "/help"


@pytest.mark.parametrize(("base", "files", "expected"), [
    (None, None, (None, None)),
    ("http://h:1/bot", None, ("http://h:1/bot", "http://h:1/file/bot")),
    ("http://h:1/bot{token}", None, ("http://h:1/bot{token}", "http://h:1/file/bot{token}")),
    ("http://h:1/api/", None, ("http://h:1/api/", None)),
    ("http://h:1/bot", "http://f:2/x/bot", ("http://h:1/bot", "http://f:2/x/bot")),
])
def test_api_urls_come_from_the_settings(
    base: str | None, files: str | None, expected: tuple[str | None, ...]
) -> None:
    settings = Settings(_env_file=None, TELEGRAM_API_BASE_URL=base, TELEGRAM_API_BASE_FILE_URL=files)
    assert api_urls(settings) == expected


def test_the_placeholder_form_of_the_api_url_reaches_the_fake(api: FakeBotAPI) -> None:
    dialog = FakeDialog()
    with running_bot(api, dialog, FakeOutbox(), TELEGRAM_API_BASE_URL=api.base_url + "{token}"):
        api.send_text(USER, "hi")
        assert api.wait_for_messages(USER, 1)[0]["text"] == "echo hi"


def test_without_a_token_the_channel_refuses_to_start() -> None:
    services = FakeServices(FakeOutbox(), settings=Settings(_env_file=None, TELEGRAM_BOT_TOKEN=""))
    with pytest.raises(MissingToken, match="TELEGRAM_BOT_TOKEN"):
        build_application(services, FakeDialog())  # type: ignore[arg-type]
