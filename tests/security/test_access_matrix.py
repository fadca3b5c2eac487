"""Every command and every button kind, taken from the core's own tables, tried as every role.

What a role may not do gets the short refusal and changes nothing in the database; another enterprise's
item looks exactly like a missing one, whichever way it is asked for; nothing another enterprise wrote
reaches an enterprise. A command or button kind added to the core is covered here without editing this file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.core import buttons, commands
from bot.core.dialog import Dialog
from bot.core.messages import Reply
from bot.core.texts import text
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ADA, ALICE, BOB, OSCAR, Chat, drain
from tests.security.conftest import dump

ROLES = ("enterprise", "officer", "admin", "newcomer")  # newcomer: a user who never wrote to the bot
ROLE_OF = {"enterprise": Role.ENTERPRISE, "officer": Role.OFFICER, "admin": Role.ADMIN, "newcomer": Role.ENTERPRISE}
NOT_ALLOWED = text("not_allowed", "en")
COMMAND_ARGS = ("", "1", "#2 some words", "1 officer")
# What Bob (another enterprise) wrote: none of it may reach Alice or a newcomer.
BOB_COMPANY = "Bobcorp Hidden Trading Ltd"
BOB_NAME = "Robert Secretname"
BOB_PROBLEM = "Counterfeit BOBSECRET widgets held at Dalian port"
BOB_QUESTION = "Who may record the BOBQUESTION trademark?"
BOB_SECRETS = (BOB_COMPANY, BOB_NAME, "BOBSECRET", "BOBQUESTION", "Robert", "Bobcorp")
THEIRS = ("1", "2")  # Bob's problem and Bob's escalated question
MISSING = "99"
# Candidate arguments of forged button data: Bob's items, a missing item, tokens no chat of Alice's has,
# a category, a verdict, a language.
BUTTON_ARGS = ("1", "2", MISSING, "zz", "recordation", "y", "en")


@dataclass
class Scene:
    """Bob with a problem (#1) and an escalated question (#2); Alice with a problem of her own (#3)."""

    dialog: Dialog
    tracker: Tracker
    alice: Chat
    newcomer_ids: Iterator[int] = field(default_factory=lambda: itertools.count(9_000_000_001))
    seen_by_enterprises: list[str] = field(default_factory=list)

    def chat(self, role: str) -> Chat:
        if role == "enterprise":
            return self.alice
        if role == "newcomer":
            return Chat(self.dialog, next(self.newcomer_ids), "Newcomer")
        return Chat(self.dialog, {"officer": OSCAR, "admin": ADA}[role], role.title())

    def act(self, role: str, *, send: str | None = None, press: str | None = None) -> tuple[list[Reply], Chat]:
        """What `role` gets for one message or press; replies to enterprises are kept for the leak check."""
        chat = self.chat(role)
        replies = chat.send(send) if press is None else chat.press(press)
        if ROLE_OF[role] == Role.ENTERPRISE:
            self.seen_by_enterprises.extend(_flat(replies))
        return replies, chat


@pytest.fixture
def scene(dialog: Dialog, tracker: Tracker, alice: Chat, bob: Chat, oscar: Chat, ada: Chat) -> Scene:
    bob.name = BOB_NAME
    bob.send(f"/problem {BOB_PROBLEM}")  # 1
    tracker.set_enterprise(user_id=BOB, name=BOB_COMPANY)
    bob.send(BOB_QUESTION)
    bob.press_label("Ask an officer")
    bob.skip_intake()  # 2
    bob.send(BOB_QUESTION + " again")  # a second token in Bob's chat
    alice.send("/problem Our own shipment")  # 3
    drain(tracker)
    return Scene(dialog, tracker, alice)


def _flat(replies: list[Reply]) -> list[str]:
    return [part for r in replies for part in (r.html, *(f"{b.label} {b.data}" for row in r.buttons for b in row))]


def _without_user(tables: dict[str, list[tuple[Any, ...]]], user_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """The dump minus the row first contact creates for `user_id` (registering a newcomer is no change)."""
    return {t: [row for row in rows if not (t == "user_account" and row[0] == user_id)] for t, rows in tables.items()}


def refused_cases() -> list[tuple[str, str, str]]:
    """(role, command, arguments) for every command of the core that the role may not run."""
    return [
        (role, name, args)
        for role in ROLES
        for name in sorted(commands.KNOWN)
        if name not in commands.commands_of(ROLE_OF[role])
        for args in COMMAND_ARGS
    ]


def allowed_cases() -> list[tuple[str, str]]:
    return [(role, name) for role in ROLES for name in sorted(commands.commands_of(ROLE_OF[role]))]


def test_the_tables_cover_every_command_and_button_kind() -> None:
    assert {name for _, name, _ in refused_cases()} == set(commands.KNOWN) - set(commands.commands_of(Role.ENTERPRISE))
    assert {name for _, name in allowed_cases()} == set(commands.KNOWN)
    assert set(buttons.kinds()) == {kind.prefix for kind in buttons.kinds().values()}  # one table: bot.core.presses


@pytest.mark.parametrize("role", ROLES)
def test_a_command_the_role_may_not_run_is_refused_and_changes_nothing(scene: Scene, role: str) -> None:
    for _, name, args in [case for case in refused_cases() if case[0] == role]:
        before = dump(scene.tracker)
        replies, chat = scene.act(role, send=f"/{name} {args}".strip())

        assert [(r.html, r.buttons, r.chat_id) for r in replies] == [(NOT_ALLOWED, (), None)], (name, args)
        assert _without_user(dump(scene.tracker), chat.user_id) == _without_user(before, chat.user_id), (name, args)


@pytest.mark.parametrize("role", ROLES)
def test_a_command_the_role_may_run_is_not_refused(scene: Scene, role: str) -> None:
    for _, name in [case for case in allowed_cases() if case[0] == role]:
        for args in COMMAND_ARGS:
            replies, _ = scene.act(role, send=f"/{name} {args}".strip())
            assert replies and all(r.html != NOT_ALLOWED for r in replies), (name, args)


def _normalised(replies: list[Reply], number: str) -> list[tuple[str, tuple[tuple[tuple[str, str], ...], ...]]]:
    """The replies with the item number asked for written as N: what is left must not depend on it."""

    def norm(value: str) -> str:
        return re.sub(rf"(?<![0-9]){number}(?![0-9])", "N", value)

    return [
        (norm(r.html), tuple(tuple((norm(b.label), norm(b.data)) for b in row) for row in r.buttons)) for r in replies
    ]


ITEM_COMMANDS = ("/status {n}", "/close {n}", "/reopen {n}", "/followup {n}", "/followup {n} more words",
                 "/followup #{n} more", "/status #{n}")  # fmt: skip
ITEM_BUTTONS = ("reopen:{n}", "take:{n}", "add:{n}:1", "add:{n}:zz", "cat:{n}:recordation", "fu:{n}")


@pytest.mark.parametrize("role", ["enterprise", "newcomer"])
@pytest.mark.parametrize("theirs", THEIRS)
def test_another_enterprises_item_gives_byte_identical_replies_to_a_missing_one(
    scene: Scene, role: str, theirs: str
) -> None:
    hows = [("send", c) for c in ITEM_COMMANDS] + [("press", b) for b in ITEM_BUTTONS]
    before = dump(scene.tracker)
    for kind, template in hows:
        got_theirs, _ = scene.act(role, **{kind: template.format(n=theirs)})
        got_missing, _ = scene.act(role, **{kind: template.format(n=MISSING)})

        assert _normalised(got_theirs, theirs) == _normalised(got_missing, MISSING), template
        after = dump(scene.tracker)
        for table in ("item", "item_event", "notification", "enterprise"):
            assert after[table] == before[table], (template, table)
    assert not any(secret in part for part in scene.seen_by_enterprises for secret in BOB_SECRETS)


@pytest.mark.parametrize("data", ["esc:1", "esc:2", "fb:1:y", "fb:2:n", "add:3:1", "add:3:2"])
def test_escalation_tokens_of_another_chat_are_expired_buttons(scene: Scene, data: str) -> None:
    """Bob's chat has tokens 1 and 2; Alice's has none: pressing Bob's is pressing nobody's."""
    before = dump(scene.tracker)
    theirs, _ = scene.act("enterprise", press=data)
    nobodys, _ = scene.act("enterprise", press=data.replace(":1", ":zz").replace(":2", ":zz"))

    assert [r.html for r in theirs] == [r.html for r in nobodys] == [text("button_expired", "en")]
    assert dump(scene.tracker)["item"] == before["item"]
    assert dump(scene.tracker)["item_event"] == before["item_event"]


def forged_buttons() -> list[str]:
    """Every button kind of the core with every combination of candidate arguments."""
    return [
        buttons.encode(kind, *args)
        for kind, arity in sorted((k, declared.arity) for k, declared in buttons.kinds().items())
        for args in itertools.product(BUTTON_ARGS, repeat=arity)
    ]


@pytest.mark.parametrize("role", ["enterprise", "newcomer"])
def test_no_forged_button_lets_an_enterprise_touch_or_see_anothers_items(scene: Scene, role: str) -> None:
    before = dump(scene.tracker)
    for data in forged_buttons():
        replies, chat = scene.act(role, press=data)
        assert replies, data
        after = dump(scene.tracker)
        for table in ("item", "item_event", "notification", "enterprise"):
            assert after[table] == before[table], (data, table)
    assert not [p for p in scene.seen_by_enterprises for s in BOB_SECRETS if s in p]


@pytest.mark.parametrize("role", ["enterprise", "newcomer"])
def test_an_enterprise_may_not_press_an_officers_take_button(scene: Scene, role: str) -> None:
    for n in (*THEIRS, "3", MISSING):
        replies, _ = scene.act(role, press=f"take:{n}")
        assert [r.html for r in replies] == [NOT_ALLOWED]


def test_nothing_an_enterprise_does_everywhere_shows_another_enterprise(scene: Scene) -> None:
    """Every command of the enterprise role, on every item number, then its notices: no trace of Bob."""
    for name in sorted(commands.commands_of(Role.ENTERPRISE)):
        for n in (*THEIRS, "3", MISSING):
            scene.act("enterprise", send=f"/{name} {n}")
            scene.act("enterprise", send=f"/{name} {n} a few words")
    scene.act("enterprise", send="Who may record a trademark?")  # the answer offers “Add to #N”
    notices = [scene.dialog.render_notification(n) for n in drain(scene.tracker) if n.chat_id == ALICE]
    seen = scene.seen_by_enterprises + _flat(notices)
    assert seen and not [p for p in seen for s in BOB_SECRETS if s in p]
