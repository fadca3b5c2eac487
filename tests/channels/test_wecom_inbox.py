"""Issue 16 #8 on WeCom: one member flooding the callback neither fills memory nor starves the others. At most
`max_per_member` of a member's callbacks are in memory; the rest stay in the channel's inbox and are taken
up in order as room frees; nothing is lost. The Telegram side is in tests/channels/test_telegram_review.py."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.channels.wecom import WeComOptions
from bot.core.messages import Incoming, Reply
from bot.tracker.values import NotificationView
from tests.channels.wecom_served import wecom_alone
from tests.fakes.fake_services import real_tracker
from tests.fakes.wecom_api import FakeWeComAPI

FLOOD, OTHER = "flooder", "lisi"


class GatedDialog:
    """Echoes a text; "hold" waits until the test opens the gate, then answers "held"."""

    def __init__(self) -> None:
        self.gate = threading.Event()

    def handle(self, incoming: Incoming) -> list[Reply]:
        if incoming.text == "hold":
            self.gate.wait()
            return [Reply("held")]
        return [Reply(f"echo {incoming.text}")]

    def render_notification(self, n: NotificationView) -> Reply:
        return Reply(n.kind.value)


async def test_one_flooding_member_neither_fills_memory_nor_starves_the_others(tmp_path: Path) -> None:
    dialog = GatedDialog()
    options = WeComOptions()
    with FakeWeComAPI() as wecom:
        try:
            async with wecom_alone(wecom, real_tracker(tmp_path), dialog, options) as served:
                await served.say(FLOOD, "hold")
                for n in range(300):
                    await served.say(FLOOD, f"m{n}")  # each stored (200) before the next
                channel = served.channel
                assert 0 < channel.in_hand(FLOOD) <= options.max_per_member
                assert channel.in_hand() <= options.max_in_hand

                await served.say(OTHER, "hello")
                # answered while the flood waits
                [answer] = await asyncio.to_thread(wecom.wait_for_messages, OTHER, 1)
                assert answer.text == "echo hello"
                assert wecom.messages(FLOOD) == []

                dialog.gate.set()
                await asyncio.to_thread(wecom.wait_for_messages, FLOOD, 301, 180)  # nothing lost
        finally:
            dialog.gate.set()  # a failure above must not leave a worker thread waiting
    assert [m.text for m in wecom.messages(FLOOD)] == ["held", *(f"echo m{n}" for n in range(300))]


async def test_beyond_the_processs_bound_callbacks_wait_in_the_inbox_and_come_in_order(tmp_path: Path) -> None:
    dialog = GatedDialog()
    options = WeComOptions(max_per_member=2, max_in_hand=4)
    members = ("wang", "zhao", "qian")
    with FakeWeComAPI() as wecom:
        try:
            async with wecom_alone(wecom, real_tracker(tmp_path), dialog, options) as served:
                for member in members:
                    await served.say(member, "hold")
                    for n in range(3):
                        await served.say(member, f"{member}{n}")
                assert served.channel.in_hand() == options.max_in_hand  # the rest wait in the inbox
                dialog.gate.set()
                for member in members:
                    await asyncio.to_thread(wecom.wait_for_messages, member, 4)
        finally:
            dialog.gate.set()
    for member in members:
        assert [m.text for m in wecom.messages(member)] == ["held", *(f"echo {member}{n}" for n in range(3))]
