"""Users only do what their role allows, and a refusal gives nothing away."""

from __future__ import annotations

import pytest

from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ALICE, BOB, Chat, drain

NOT_AVAILABLE = "That command is not available to you."
STAFF_COMMANDS = ["/queue", "/queue recordation", "/take 1", "/reply 1 hello", "/stats"]
ADMIN_COMMANDS = ["/grant 5000000001 admin", "/revoke 7000000001", "/reindex"]


@pytest.mark.parametrize("command", STAFF_COMMANDS + ADMIN_COMMANDS)
def test_an_enterprise_is_refused_every_officer_and_admin_command(
    alice: Chat, tracker: Tracker, command: str
) -> None:
    assert alice.say(command) == NOT_AVAILABLE
    assert tracker.get_user(user_id=ALICE).role == Role.ENTERPRISE  # type: ignore[union-attr]


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
def test_an_officer_is_refused_every_admin_command(oscar: Chat, services: object, command: str) -> None:
    assert oscar.say(command) == NOT_AVAILABLE


def test_an_officers_close_means_resolve_and_an_enterprises_means_withdraw(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    assert alice.say("/close 1 resolution words") == "#1 is closed."  # extra words are harmless
    assert oscar.say("/close 1") == "#1 is closed, so that can't be done now."  # said before a resolution is typed


def test_an_enterprise_cannot_press_an_officers_button(alice: Chat, bob: Chat) -> None:
    bob.send("/problem Held goods")
    assert alice.press("take:1")[0].html == NOT_AVAILABLE


def test_an_enterprise_cannot_upload_knowledge(alice: Chat, services: object) -> None:
    assert alice.upload("a.md", b"## q\n\na")[0].html.startswith("I can't take files here.")


@pytest.mark.parametrize(
    "command", ["/status {n}", "/close {n}", "/reopen {n}", "/followup {n} more", "/followup {n}"]
)
def test_another_enterprises_item_looks_exactly_like_a_missing_one(
    alice: Chat, bob: Chat, command: str
) -> None:
    bob.send("/problem Bob's secret problem")
    theirs = alice.send(command.format(n=1))
    missing = alice.send(command.format(n=99))
    assert theirs[0].html == "No item #1 among yours."
    assert missing[0].html == "No item #99 among yours."
    assert theirs[0].buttons == missing[0].buttons == ()


@pytest.mark.parametrize("data", ["cat:1:recordation", "reopen:1", "fu:1", "addy:1:1"])
def test_another_enterprises_item_behind_a_forged_button_is_not_found(
    alice: Chat, bob: Chat, data: str
) -> None:
    bob.send("/problem Bob's secret problem")
    alice.send("Who may record?")  # so that token 1 exists for addy:1:1
    assert alice.press(data)[0].html == "No item #1 among yours."


def test_nothing_about_the_other_item_is_changed_or_announced(
    alice: Chat, bob: Chat, tracker: Tracker
) -> None:
    bob.send("/problem Bob's secret problem")
    drain(tracker)
    alice.send("/close 1")
    alice.send("/followup 1 hello")
    assert drain(tracker) == []
    assert tracker.my_items(actor_id=BOB)[0].status == "open"
