"""Users of several channels: WeCom members' desk ids, the channel in use that routes notices, /link's rules,
and replayed callbacks."""

from __future__ import annotations

import pytest

from bot.tracker.errors import LinkRefused
from bot.tracker.identities import WECOM_ID_BASE
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.fakes.clock import FakeClock
from tests.tracker.scene import People, drain

TELEGRAM_USER = 7001


def member(tracker: Tracker, name: str) -> int:
    return tracker.channel_member(channel="wecom", external_id=name, name=name).user_id


def test_a_new_member_gets_a_desk_id_beyond_telegrams_in_chinese(tracker: Tracker) -> None:
    first, second = member(tracker, "zhangsan"), member(tracker, "lisi")

    assert WECOM_ID_BASE < first < second and member(tracker, "zhangsan") == first
    user = tracker.get_user(user_id=first)
    assert user is not None and (user.language, user.role, user.channel) == ("zh", Role.ENTERPRISE, "wecom")
    assert tracker.external_id(channel="wecom", user_id=first) == "zhangsan"


def test_notices_go_by_the_channel_in_use_and_each_sender_claims_its_own(tracker: Tracker, people: People) -> None:
    wecom_user = member(tracker, "zhangsan")
    tracker.raise_item(actor_id=wecom_user, title="t", description="假冒商标")
    tracker.use_channel(user_id=people.alice, channel="wecom")
    alice_item = tracker.raise_item(actor_id=people.alice, title="t", description="x")
    drain(tracker)  # the officers' chat notices (Telegram)

    tracker.take(actor_id=people.officer, item_id=1)
    tracker.take(actor_id=people.officer, item_id=alice_item.id)

    assert tracker.claim_notifications(limit=100) == []  # Telegram's sender: nothing of theirs
    notices = tracker.claim_notifications(limit=100, channel="wecom")
    assert sorted(n.chat_id for n in notices) == sorted([wecom_user, people.alice])


def test_link_from_telegram_to_wecom_moves_the_members_items(tracker: Tracker, people: People) -> None:
    tracker.ensure_user(user_id=TELEGRAM_USER, name="Wang Fang")
    wecom_user = member(tracker, "wangfang")
    item = tracker.raise_item(actor_id=wecom_user, title="t", description="专利仿冒")

    code = tracker.new_link_code(user_id=TELEGRAM_USER, channel="telegram")
    kept = tracker.link_channels(user_id=wecom_user, channel="wecom", code=code.lower())

    assert kept == TELEGRAM_USER
    assert [i.id for i in tracker.my_items(actor_id=TELEGRAM_USER)] == [item.id]
    assert member(tracker, "wangfang") == TELEGRAM_USER
    assert tracker.external_id(channel="wecom", user_id=TELEGRAM_USER) == "wangfang"
    user = tracker.get_user(user_id=TELEGRAM_USER)
    assert user is not None and user.channel == "wecom"  # written from last
    with pytest.raises(LinkRefused) as used:
        tracker.link_channels(user_id=wecom_user, channel="wecom", code=code)
    assert used.value.reason == "bad_code"  # one time only


def test_link_refusals_change_nothing(tracker: Tracker, people: People, clock: FakeClock) -> None:
    wecom_user = member(tracker, "zhaoliu")
    same = tracker.new_link_code(user_id=wecom_user, channel="wecom")
    with pytest.raises(LinkRefused) as refused:
        tracker.link_channels(user_id=wecom_user, channel="wecom", code=same)
    assert refused.value.reason == "same_channel"

    tracker.grant_role(actor_id=None, user_id=wecom_user, role=Role.OFFICER)
    code = tracker.new_link_code(user_id=people.alice, channel="telegram")
    with pytest.raises(LinkRefused) as roles:
        tracker.link_channels(user_id=wecom_user, channel="wecom", code=code)
    assert roles.value.reason == "roles_differ" and roles.value.params == {"first": "enterprise", "second": "officer"}
    assert member(tracker, "zhaoliu") == wecom_user

    clock.advance(minutes=11)
    with pytest.raises(LinkRefused) as late:
        tracker.link_channels(user_id=member(tracker, "other"), channel="wecom", code=code)
    assert late.value.reason == "bad_code"


def test_a_replayed_callback_is_seen(tracker: Tracker) -> None:
    """Replays in the channels' inbox: more in tests/tracker/test_channel_inbox.py."""
    assert tracker.receive_message(channel="wecom", key="msg:42", payload="<xml/>", lease_s=60) is True
    assert tracker.receive_message(channel="wecom", key="msg:42", payload="<xml/>", lease_s=60) is False
