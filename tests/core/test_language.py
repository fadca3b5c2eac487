"""English or Chinese: /lang, else the stored language, else the platform's language code."""

from __future__ import annotations

from bot.core.dialog import Dialog
from bot.tracker.service import Tracker
from tests.core.conftest import ALICE, Chat, drain, labels


def test_lang_offers_both_languages_and_the_choice_sticks(alice: Chat, tracker: Tracker) -> None:
    replies = alice.send("/lang")
    assert replies[0].html == "Choose your language:" and labels(replies) == ["English", "中文"]
    assert alice.press_label("中文", replies)[0].html == "好的，之后我会用中文回复。"
    assert tracker.get_user(user_id=ALICE).language == "zh"  # type: ignore[union-attr]
    assert alice.say("/cancel") == "当前没有需要取消的操作。"
    assert alice.say("/lang en") == "I'll answer in English."


def test_a_chinese_language_code_gives_chinese_from_the_first_message(dialog: Dialog) -> None:
    chat = Chat(dialog, 5_000_000_009, "王伟", language_code="zh-hans")
    assert chat.say("/start").startswith("您好，王伟！")


def test_the_stored_language_wins_over_the_language_code(alice: Chat) -> None:
    alice.send("/lang zh")
    alice.language_code = "en"
    assert alice.say("/mine").startswith("您还没有登记事项")


def test_notices_follow_the_language_remembered_at_first_contact(
    dialog: Dialog, oscar: Chat, tracker: Tracker
) -> None:
    chat = Chat(dialog, 5_000_000_009, "王伟", language_code="zh-CN")
    chat.send("/problem 货物被扣留")
    oscar.send("/take 1")
    (notice,) = [n for n in drain(tracker) if n.chat_id == chat.user_id]
    assert dialog.render_notification(notice).html == "#1 已由关员 Oscar 受理。"


def test_no_language_code_means_english(dialog: Dialog) -> None:
    chat = Chat(dialog, 5_000_000_009, "Anon", language_code=None)
    assert chat.say("/start").startswith("Hello, Anon!")


def test_a_forged_language_button_has_expired(alice: Chat) -> None:
    assert alice.press("lang:fr")[0].html == "That button has expired."
