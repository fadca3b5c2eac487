"""Per-user limits on questions and new items, in the core, with a fake clock; staff are never limited."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.core.dialog import Dialog
from bot.core.limits import RateLimiter
from bot.core.texts import TEXTS, text
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ALICE, BOB, OSCAR, Chat
from tests.fakes.clock import FakeClock
from tests.fakes.fake_services import FakeServices, FakeSettings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limited(services: FakeServices, clock: FakeClock) -> Dialog:
    """A Dialog with the default limits (20 questions a minute, 5 new items in 10 minutes) on a fake clock."""
    return Dialog(services, limiter=RateLimiter(questions_per_minute=20, items_per_10_minutes=5, clock=clock.monotonic))


def is_rate_reply(html: str, key: str) -> bool:
    prefix = TEXTS[key]["en"].split("{")[0]
    return html.startswith(prefix)


def test_questions_are_limited_per_user_with_a_burst_then_refill(
    limited: Dialog, services: FakeServices, clock: FakeClock
) -> None:
    alice, bob = Chat(limited, ALICE, "Alice"), Chat(limited, BOB, "Bob")
    for n in range(20):  # the whole allowance at once
        assert not is_rate_reply(alice.say(f"question {n}"), "rate_questions")
    refused = alice.say("one too many")
    assert refused == text("rate_questions", "en", wait=3)  # one question every 60/20 s
    assert "one too many" not in services.retriever.asked  # refused before the engine
    assert not is_rate_reply(bob.say("Bob is someone else"), "rate_questions")

    clock.advance(3)
    assert not is_rate_reply(alice.say("after the wait"), "rate_questions")
    assert is_rate_reply(alice.say("and again at once"), "rate_questions")
    clock.advance(60)
    for n in range(20):
        assert not is_rate_reply(alice.say(f"a minute later {n}"), "rate_questions")


def test_refused_attempts_do_not_push_the_wait_further(limited: Dialog, clock: FakeClock) -> None:
    alice = Chat(limited, ALICE, "Alice")
    for n in range(20):
        alice.send(f"q{n}")
    for _ in range(50):  # hammering does not cost anything more
        assert is_rate_reply(alice.say("again"), "rate_questions")
    clock.advance(3)
    assert not is_rate_reply(alice.say("now"), "rate_questions")


def test_new_items_problems_and_escalations_share_one_limit(
    limited: Dialog, tracker: Tracker, clock: FakeClock
) -> None:
    alice = Chat(limited, ALICE, "Alice")
    for n in range(3):
        assert alice.say(f"/problem held goods {n}").startswith("Logged as")
    alice.send("Who may record?")
    alice.press_label("Ask an officer")  # the limit is taken at the press, as before the intake
    assert alice.skip_intake()[0].html.startswith("Logged as")  # four
    alice.send("/problem")
    alice.press_label("Other")
    alice.send("the walk-through's problem")
    for _ in range(7):  # the structured intake (every step skipped): logged from its summary
        alice.press_label("Skip")
    assert alice.press_label("Log it")[0].html.startswith("Logged as")  # five
    alice.send("Another question")
    refused = alice.press_label("Ask an officer")[0].html
    assert refused == text("rate_items", "en", wait=2)  # one item per 120 s
    assert alice.say("/problem a sixth") == refused
    alice.send("/problem")
    alice.press_label("Other")
    alice.send("described")
    for _ in range(7):
        alice.press_label("Skip")
    assert alice.press_label("Log it")[0].html == refused
    assert alice.say("/cancel") == text("nothing_to_cancel", "en")  # the walk-through was left
    assert len(tracker.my_items(actor_id=ALICE)) == 5

    clock.advance(120)
    assert alice.say("/problem after the wait").startswith("Logged as #6")
    # follow-ups add to existing items: not limited
    for n in range(10):
        assert alice.say(f"/followup 6 more {n}") == "Added to #6."


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_officers_and_admins_are_not_limited(limited: Dialog, tracker: Tracker, role: Role) -> None:
    tracker.ensure_user(user_id=OSCAR, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=OSCAR, role=role)
    oscar = Chat(limited, OSCAR, "Oscar")
    for n in range(40):
        assert not is_rate_reply(oscar.say(f"staff question {n}"), "rate_questions")
    for n in range(10):
        assert oscar.say(f"/problem staff problem {n}").startswith("Logged as")


def test_the_limits_come_from_the_settings_and_zero_switches_them_off(tracker: Tracker) -> None:
    off = Dialog(FakeServices(tracker, settings=FakeSettings(questions_per_minute=0, items_per_10_minutes=0)))
    alice = Chat(off, ALICE, "Alice")
    for n in range(50):
        assert not is_rate_reply(alice.say(f"q{n}"), "rate_questions")
    for n in range(12):
        assert alice.say(f"/problem p{n}").startswith("Logged as")

    tight = Dialog(FakeServices(tracker, settings=FakeSettings(questions_per_minute=1, items_per_10_minutes=1)))
    bob = Chat(tight, BOB, "Bob")
    assert not is_rate_reply(bob.say("first"), "rate_questions")
    assert is_rate_reply(bob.say("second"), "rate_questions")
    assert bob.say("/problem one").startswith("Logged as")
    assert is_rate_reply(bob.say("/problem two"), "rate_items")


def test_the_settings_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPRDESK_QUESTIONS_PER_MINUTE", "7")
    monkeypatch.setenv("IPRDESK_ITEMS_PER_10_MINUTES", "2")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    limiter = RateLimiter.from_settings(settings)
    assert limiter.quotas["question"].count == 7 and limiter.quotas["item"].count == 2
    monkeypatch.setenv("IPRDESK_ITEMS_PER_10_MINUTES", "-1")
    with pytest.raises(ValueError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_polite_reply_is_in_chinese_for_a_chinese_user(limited: Dialog) -> None:
    wen = Chat(limited, ALICE, "文", language_code="zh-hans")
    for n in range(20):
        wen.send(f"备案 {n}")
    assert wen.say("再问一次") == text("rate_questions", "zh", wait=3)


def test_forgotten_buckets_are_swept_and_full_again(clock: FakeClock) -> None:
    limiter = RateLimiter(questions_per_minute=2, items_per_10_minutes=1, clock=clock.monotonic)
    assert limiter.take("item", 1) == 0.0
    assert limiter.take("item", 1) == pytest.approx(600.0)
    for user in range(100, 200):
        limiter.take("question", user)
    clock.advance(3 * 600)
    limiter.take("question", 1)
    assert len(limiter._buckets) == 1  # the sweep dropped every idle bucket
    assert limiter.take("item", 1) == 0.0
