"""The outbox sender against the fake Bot API's faults: every notice is delivered exactly once or given up
with a reason, and the bot keeps answering meanwhile."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.telegram.sender import GiveUp, OutboxSender, Retry, RetryPolicy
from bot.channels.telegram.throttle import Throttle
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.telegram_doubles import FAST, FakeDialog, FakeOutbox, running_bot

USER, OTHER = 7, 8
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")


@pytest.fixture
def outbox() -> FakeOutbox:
    return FakeOutbox()


@pytest.fixture
def bot(api: FakeBotAPI, outbox: FakeOutbox) -> Iterator[None]:
    with running_bot(api, FakeDialog(outbox), outbox):
        yield


def notices_to(api: FakeBotAPI, chat_id: int) -> list[str]:
    return [m["text"] for m in api.messages(chat_id) if m["text"].startswith("notice")]


def test_notices_pending_before_start_are_sent_after_start(api: FakeBotAPI, outbox: FakeOutbox) -> None:
    first, second = outbox.add(USER, "one"), outbox.add(OTHER, "two")
    with running_bot(api, FakeDialog(), outbox):
        assert outbox.wait_settled(first).delivered and outbox.wait_settled(second).delivered
    [sent] = api.messages(USER)
    assert sent["text"] == "notice one" and sent["parse_mode"] == "HTML"
    assert sent["reply_markup"] == {"inline_keyboard": [[{"text": "Open", "callback_data": f"open:{first}"}]]}
    assert notices_to(api, OTHER) == ["notice two"] and outbox.pending_count() == 0


def test_flood_control_is_waited_out_and_the_notice_sent_once(
    api: FakeBotAPI, outbox: FakeOutbox, bot: None
) -> None:
    api.fail_next("sendMessage", status=429, retry_after=1)
    notice = outbox.wait_settled(outbox.add(USER, "flood"))
    assert notice.delivered and notices_to(api, USER) == ["notice flood"]
    assert [delay for _, delay in notice.retries] == [1.0]
    [refused] = api.calls_of("sendMessage", ok_only=False)[:1]
    assert api.calls_of("sendMessage")[0].at - refused.at >= 1.0


@pytest.mark.parametrize("fault", ["status 500", "drop"])
def test_a_server_error_or_dropped_connection_is_retried_once_delivered(
    api: FakeBotAPI, outbox: FakeOutbox, bot: None, fault: str
) -> None:
    if fault == "drop":
        api.drop_next("sendMessage")
    else:
        api.fail_next("sendMessage", status=500)
    notice = outbox.wait_settled(outbox.add(USER, "retry"))
    assert notice.delivered and notices_to(api, USER) == ["notice retry"]
    assert [delay for _, delay in notice.retries] == [1.0] and notice.attempts == 2


def test_a_send_that_times_out_is_retried_once_delivered(api: FakeBotAPI, outbox: FakeOutbox) -> None:
    api.delay_next("sendMessage", 2.0)
    with running_bot(api, FakeDialog(), outbox, options=dataclasses.replace(FAST, read_timeout_s=0.5)):
        notice = outbox.wait_settled(outbox.add(USER, "slow"))
    assert notice.delivered and notices_to(api, USER) == ["notice slow"]
    assert len(notice.retries) == 1 and "timed out" in notice.retries[0][0].lower()


def test_a_blocked_user_is_given_up_and_the_bot_keeps_going(
    api: FakeBotAPI, outbox: FakeOutbox, bot: None
) -> None:
    api.block_chat(OTHER)
    blocked, fine = outbox.add(OTHER, "lost"), outbox.add(USER, "kept")
    assert outbox.wait_settled(blocked).failed_reason == "Forbidden: bot was blocked by the user"
    assert outbox.wait_settled(fine).delivered
    api.send_text(USER, "hello")
    api.wait_until(lambda: "echo hello" in [m["text"] for m in api.messages(USER)], 10, "an answer")
    assert outbox.notices[blocked].attempts == 1  # not retried


def test_a_chat_that_does_not_exist_is_given_up(api: FakeBotAPI, outbox: FakeOutbox, bot: None) -> None:
    api.fail_chat(OTHER, 400, "Bad Request: chat not found")
    assert outbox.wait_settled(outbox.add(OTHER, "nowhere")).failed_reason == "Chat not found"


def test_a_notice_the_core_cannot_render_is_retried_later(
    api: FakeBotAPI, outbox: FakeOutbox, bot: None
) -> None:
    broken = outbox.add(USER, "bad", broken=True)
    api.wait_until(lambda: bool(outbox.notices[broken].retries), 10, "a retry")
    assert outbox.notices[broken].retries[0][1] == 1.0 and api.messages(USER) == []
    assert outbox.wait_settled(outbox.add(USER, "next")).delivered


def test_a_notice_queued_while_answering_goes_out_at_once(api: FakeBotAPI, outbox: FakeOutbox) -> None:
    never_polls = dataclasses.replace(FAST, outbox_poll_s=3600.0)  # only a wake-up can start a round
    with running_bot(api, FakeDialog(outbox), outbox, options=never_polls):
        api.wait_until(lambda: outbox.claims >= 1, 10, "the sender's first (empty) round")
        api.send_text(USER, f"notify {OTHER} hi")
        api.wait_for_messages(OTHER, 1, timeout=30)  # long before the next round an hour from now


def test_one_chat_gets_at_most_a_burst_then_one_per_second(
    api: FakeBotAPI, outbox: FakeOutbox, bot: None
) -> None:
    ids = [outbox.add(USER, str(i)) for i in range(5)]
    for notice_id in ids:
        outbox.wait_settled(notice_id)
    times = [c.at for c in api.calls_of("sendMessage")]
    assert notices_to(api, USER) == [f"notice {i}" for i in range(5)]  # in order
    assert times[3] - times[0] >= 0.9 and times[4] - times[3] >= 0.9


async def test_notices_whose_lease_ran_out_during_a_flood_wait_are_left_for_the_next_claim(
    api: FakeBotAPI,
) -> None:
    outbox = FakeOutbox()
    first, second = outbox.add(USER, "a"), outbox.add(USER, "b")
    api.fail_next("sendMessage", status=429, retry_after=2)
    async with Bot(api.token, base_url=api.base_url) as bot:
        sender = OutboxSender(outbox, FakeDialog().render_notification, bot, Throttle(), lease_s=2.0)
        assert await sender.run_once() == 2
    assert outbox.notices[first].retries == [("Flood control exceeded. Retry in 2 seconds", 2.0)]
    assert api.messages(USER) == [] and not outbox.notices[second].delivered  # not sent: lease nearly gone


def test_retry_policy_backs_off_exponentially_then_gives_up() -> None:
    policy = RetryPolicy()
    delays = [policy.after(NetworkError("boom"), attempts) for attempts in range(1, 11)]
    assert [d.delay_s for d in delays if isinstance(d, Retry)] == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert isinstance(delays[-1], GiveUp) and "10 attempts" in delays[-1].reason
    assert RetryPolicy(max_attempts=99).after(TimedOut(), 12) == Retry(300.0, "Timed out")


def test_retry_policy_knows_final_errors_from_passing_ones() -> None:
    policy = RetryPolicy()
    assert policy.after(RetryAfter(7), 9) == Retry(7.0, "Flood control exceeded. Retry in 7 seconds")
    assert policy.after(Forbidden("Forbidden: bot was blocked by the user"), 1) == GiveUp(
        "Forbidden: bot was blocked by the user")
    assert isinstance(policy.after(BadRequest("Bad Request: chat not found"), 1), GiveUp)
    assert isinstance(policy.after(KeyError("payload"), 1), Retry)
