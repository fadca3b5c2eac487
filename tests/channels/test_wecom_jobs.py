"""The periodic jobs with WeCom alone (no Telegram token): an item nearing its due time is reminded of and,
once past it, announced overdue in the officers' WeCom group chat, through the WeCom process's own job loop
(bot/channels/jobs_loop.py). Beside Telegram the jobs of one tracker run in one loop per process."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.channels.jobs_loop import JobsLoop
from bot.channels.wecom import WeComOptions
from bot.core.messages import Incoming, Reply
from bot.tracker.db import make_engine, migrate
from bot.tracker.notices import NoticeKind
from bot.tracker.service import Tracker
from bot.tracker.values import WECOM_OFFICER_CHAT_ID, NotificationView
from tests.channels.wecom_served import wecom_alone
from tests.fakes.clock import FakeClock
from tests.fakes.wecom_api import FakeWeComAPI

OFFICERS_GROUP = "wrOfficersChat01"
MEMBER = "zhangsan"
FAST = WeComOptions(jobs_poll_s=0.05, outbox_poll_s=0.05)


class KindDialog:
    """Answers nothing; renders a notice as its kind, item and stage."""

    def handle(self, incoming: Incoming) -> list[Reply]:
        return []

    def render_notification(self, n: NotificationView) -> Reply:
        return Reply(f"{n.kind.value} #{n.payload.get('item_id')} {n.payload.get('stage', '')}".strip())


def wecom_tracker(folder: Path, clock: FakeClock) -> Tracker:
    """The tracker as bot.app builds it when only a WeCom group chat is the officers' chat."""
    engine = make_engine(f"sqlite:///{folder}/desk.db")
    migrate(engine)
    return Tracker(engine, officer_chat_id=WECOM_OFFICER_CHAT_ID, officer_channel="wecom", clock=clock)


async def test_with_wecom_alone_an_item_is_reminded_of_and_announced_overdue_in_wecom(tmp_path: Path) -> None:
    clock = FakeClock()
    tracker = wecom_tracker(tmp_path, clock)
    member = tracker.channel_member(channel="wecom", external_id=MEMBER, name=MEMBER)
    item = tracker.raise_item(actor_id=member.user_id, title="Goods held at Dalian", description="d")
    assert item.first_response_due is not None
    with FakeWeComAPI() as wecom:
        async with wecom_alone(wecom, tracker, KindDialog(), FAST, wecom_officer_chat=OFFICERS_GROUP) as served:
            assert served.channel.jobs.running
            new = f"{NoticeKind.ITEM_CREATED} #{item.id}"
            await asyncio.to_thread(wecom.wait_for_text, OFFICERS_GROUP, lambda t: t.startswith(new))

            clock.now = item.first_response_due - timedelta(hours=3)
            soon = f"{NoticeKind.DUE_SOON} #{item.id} first_response"
            await asyncio.to_thread(wecom.wait_for_text, OFFICERS_GROUP, lambda t: t == soon)

            clock.now = item.first_response_due + timedelta(hours=1)
            late = f"{NoticeKind.OVERDUE} #{item.id} first_response"
            await asyncio.to_thread(wecom.wait_for_text, OFFICERS_GROUP, lambda t: t == late)
        sent = [m.text for m in wecom.messages(OFFICERS_GROUP)]
    assert sent.count(soon) == sent.count(late) == 1
    assert all(c.path == "/cgi-bin/appchat/send" for c in wecom.calls())


async def test_beside_telegram_the_jobs_run_in_one_loop(tmp_path: Path) -> None:
    """Both channels in one process share the tracker: the loop Telegram started runs the jobs, WeCom's
    stands aside; once it stops, a channel started afterwards runs them."""
    tracker = wecom_tracker(tmp_path, FakeClock())
    telegrams = JobsLoop(tracker, digest_every=timedelta(0), poll_s=300)
    assert telegrams.start() and telegrams.running
    with FakeWeComAPI() as wecom:
        async with wecom_alone(wecom, tracker, KindDialog(), FAST) as served:
            assert not served.channel.jobs.running
        await telegrams.stop()
        async with wecom_alone(wecom, tracker, KindDialog(), FAST) as served:
            assert served.channel.jobs.running
