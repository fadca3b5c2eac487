"""Issue 16, the second security review, on the WeCom channel: no reply occupies a member's chat for long
(WeCom drops a member's messages beyond 30 a minute), and the longest text the core keeps whole still
arrives whole; an event from no person ("sys") makes no desk user. The Telegram side is in
tests/channels/test_telegram_review.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.channels.choices import Choices
from bot.channels.wecom import WeComChannel
from bot.channels.wecom.inbound import parse
from bot.channels.wecom.reply import MAX_TEXT_BYTES, MAX_TEXT_MESSAGES, render
from bot.config import Settings
from bot.core.dialog import Dialog
from bot.core.messages import Button, Reply
from bot.core.texts import text
from bot.tracker.values import TEXT_MAX
from tests.fakes.fake_services import FakeServices, real_tracker
from tests.fakes.wecom_api import FakeWeComAPI
from tests.security.conftest import dump


def contents(reply: Reply, lang: str, choices: Choices | None = None) -> list[str]:
    messages = render(reply, lang, choices).messages
    assert all(len(str(m["text"]["content"]).encode()) <= MAX_TEXT_BYTES for m in messages if m["msgtype"] == "text")
    return [str(m["text"]["content"]) if m["msgtype"] == "text" else m["msgtype"] for m in messages]


def test_a_huge_reply_is_capped_at_a_few_messages_with_a_note() -> None:
    sent = contents(Reply("海关" * 100_000), "zh")  # 600 kB: some 300 messages' worth

    assert len(sent) == MAX_TEXT_MESSAGES
    assert sent[-1] == text("reply_shortened", "zh")


def test_the_longest_text_kept_whole_arrives_whole() -> None:
    description = ("货物在大连港被扣留。" * TEXT_MAX)[: TEXT_MAX - 12] + "集装箱MSCU1234567"
    notice = f"新问题 #12（企业：某某公司）\n类别：其他\n\n{description}\n\n回复 /take 12 接手。"

    sent = contents(Reply(notice), "zh")

    assert "".join(sent).replace("\n", "") == notice.replace("\n", "")
    assert text("reply_shortened", "zh") not in sent


def test_numbered_choices_still_follow_a_capped_reply() -> None:
    choices = Choices()
    many = tuple((Button(f"Choice {i}", f"data:{i}"),) for i in range(1, 9))  # too many for a card

    sent = contents(Reply("word " * 200_000, many), "en", choices)

    assert len(sent) == MAX_TEXT_MESSAGES
    assert sent[-1].startswith(text("reply_shortened", "en")) and "[8] Choice 8" in sent[-1]
    assert choices.pick("8") == Button("Choice 8", "data:8")


def test_a_capped_reply_with_a_card_keeps_its_card() -> None:
    sent = contents(Reply("word " * 200_000, ((Button("Take", "take:1"),),)), "en")

    assert sent[-2:] == [text("reply_shortened", "en"), "template_card"]
    assert len(sent) == MAX_TEXT_MESSAGES + 1


async def test_an_event_the_desk_does_not_use_makes_no_desk_user_and_says_nothing(tmp_path: Path) -> None:
    """WeCom sends contact changes as the member "sys", and opening the app as an event: no person writing."""
    tracker = real_tracker(tmp_path)
    before = dump(tracker)
    with FakeWeComAPI() as wecom:
        values: dict[str, Any] = {
            name.removeprefix("IPRDESK_").lower(): value for name, value in wecom.settings_env().items()
        }
        services: Any = FakeServices(tracker, settings=Settings(_env_file=None, **values))  # type: ignore[call-arg]
        channel = WeComChannel(services, Dialog(services))
        for user, event in (("sys", "change_contact"), ("zhangsan", "enter_agent")):
            callback = parse(wecom._xml(user, "event", f"<Event><![CDATA[{event}]]></Event>"))
            assert callback is not None and callback.what == f"event:{event}"
            await channel.handle(callback)
        await channel.client.close()
        assert wecom.calls() == []
    assert dump(tracker) == before


def test_a_callback_nested_thousands_deep_is_refused_or_read_without_a_recursion_error() -> None:
    """As a Telegram webhook body nested thousands deep is a 400: the envelope is refused (403 or 400, by
    web.py), and a signed callback's XML is read iteratively (its fields are the top level's)."""
    from bot.channels.wecom.crypto import BadMessage, BadSignature, CallbackCrypto
    from tests.fakes.wecom_api import AES_KEY, CORP_ID, TOKEN

    deep = "<a>" * 20_000 + "</a>" * 20_000  # 140 kB: within the callback's 256 KiB
    crypto = CallbackCrypto(TOKEN, AES_KEY, CORP_ID)
    for body in (f"<xml>{deep}<Encrypt>x</Encrypt></xml>", "<a>" * 20_000):
        with pytest.raises((BadSignature, BadMessage)):
            crypto.decrypt(body, "signature", "1", "nonce")
    inner = f"<xml>{deep}<FromUserName>u</FromUserName><MsgType>text</MsgType><Content>hi</Content></xml>"
    callback = parse(inner)
    assert callback is not None and callback.text == "hi"
