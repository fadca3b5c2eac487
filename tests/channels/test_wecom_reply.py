"""Core Replies as WeCom messages: text from Telegram HTML, 2048-byte pieces, a card for a few buttons and
numbered choices for more (the same numbering as the terminal chat)."""

from __future__ import annotations

from bot.channels.choices import Choices
from bot.channels.wecom.reply import MAX_TEXT_BYTES, render, split_text, wecom_text
from bot.core.messages import Button, Reply


def buttons(n: int) -> tuple[tuple[Button, ...], ...]:
    return tuple((Button(f"Choice {i}", f"data:{i}"),) for i in range(1, n + 1))


def test_html_becomes_text_with_links_kept() -> None:
    html = '<b>Measures</b> Art. 23 &amp; <a href="https://example.org/law?a=1&amp;b=2">the text</a> &lt;here&gt;'

    assert wecom_text(html) == "Measures Art. 23 & the text (https://example.org/law?a=1&b=2) <here>"


def test_a_long_text_is_cut_under_the_byte_limit_without_breaking_a_character() -> None:
    body = "第一行\n" + "海关" * 2000 + "\nlast line"

    pieces = split_text(body)

    assert all(len(p.encode()) <= MAX_TEXT_BYTES for p in pieces)
    assert "".join(pieces).replace("\n", "") == body.replace("\n", "")


def test_up_to_six_buttons_are_a_card_with_their_data_as_keys() -> None:
    [card] = render(Reply("Pick one", buttons(6)), "zh").messages

    template = card["template_card"]
    assert card["msgtype"] == "template_card" and template["card_type"] == "button_interaction"
    assert [b["key"] for b in template["button_list"]] == [f"data:{i}" for i in range(1, 7)]
    assert template["sub_title_text"] == "Pick one" and template["main_title"]["title"] == "请选择"


def test_a_long_reply_with_buttons_is_its_text_then_a_card() -> None:
    text_message, card = render(Reply("x" * 500, buttons(2)), "en").messages

    assert text_message["text"]["content"] == "x" * 500 and card["msgtype"] == "template_card"


def test_more_buttons_are_numbered_and_a_typed_number_presses_one() -> None:
    choices = Choices()

    rendered = render(Reply("Pick one", buttons(8)), "zh", choices)

    [message] = rendered.messages
    assert rendered.numbered and message["text"]["content"].startswith("Pick one\n回复数字选择：\n[1] Choice 1")
    assert choices.pick("8") == Button("Choice 8", "data:8")
    assert choices.pick("9") is None and choices.pick("８") is None and choices.pick("hello") is None


def test_a_group_chat_gets_the_text_alone() -> None:
    [message] = render(Reply("New item #3", buttons(2)), "en", None, cards=False).messages

    assert message == {"msgtype": "text", "text": {"content": "New item #3"}}
