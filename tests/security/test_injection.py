"""User text never becomes markup, a command or SQL: every render path with hostile text, then the data intact."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import inspect

from bot.channels.telegram.updates import own_command
from bot.core.dialog import Dialog
from bot.core.messages import Reply
from bot.core.texts import text
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ADA, ALICE, BOB, OFFICER_CHAT, OSCAR, Chat, drain
from tests.security.conftest import dump

ALLOWED_TAGS = {"b", "i", "code"}
HOSTILE = '<script>alert(1)</script><a href="tg://x">x</a><u>u</u><tg-spoiler>s</tg-spoiler><b>open & "q" \'a\''
SQL = "'; DROP TABLE item; --"
SQL2 = 'Robert"); DELETE FROM user_account WHERE ("1"="1'
BARE_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);)")


class TagCollector(HTMLParser):
    """Tag names in order, with a check that they nest properly (Telegram refuses anything else)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.open: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.open.append(tag)
        self.balanced = self.balanced and not attrs

    def handle_endtag(self, tag: str) -> None:
        self.balanced = self.balanced and bool(self.open) and self.open.pop() == tag


def assert_safe_html(value: str) -> None:
    parser = TagCollector()
    parser.feed(value)
    parser.close()
    assert set(parser.tags) <= ALLOWED_TAGS, (parser.tags, value)
    assert parser.balanced and not parser.open, value
    assert not BARE_AMP.search(value), value


def assert_safe(replies: list[Reply]) -> None:
    for reply in replies:
        assert_safe_html(reply.html)


@pytest.mark.parametrize("hostile", [HOSTILE, SQL, SQL2])
def test_hostile_text_in_every_field_renders_as_text_on_every_path(
    dialog: Dialog, tracker: Tracker, hostile: str
) -> None:
    """Names, question, problem, follow-up, officer's name, reply and resolution, enterprise name: each
    shown escaped in replies, lists, histories and notices, and still there, verbatim, in the database."""
    alice = Chat(dialog, ALICE, hostile)
    tracker.ensure_user(user_id=OSCAR, name=hostile)
    tracker.grant_role(actor_id=None, user_id=OSCAR, role=Role.OFFICER)
    oscar = Chat(dialog, OSCAR, hostile)
    officers = Chat(dialog, OSCAR, hostile, chat_id=OFFICER_CHAT, chat_type="supergroup")
    replies: list[Reply] = []
    replies += alice.send("/start")
    replies += alice.send(f"/problem {hostile}")  # 1
    tracker.set_enterprise(user_id=ALICE, name=hostile[:200])
    replies += alice.send(f"record {hostile}")
    replies += alice.press_label("Ask an officer")
    replies += alice.skip_intake()  # 2
    replies += alice.send(f"/followup 1 {hostile}")
    replies += oscar.send("/take 1")
    replies += oscar.send(f"/reply 1 {hostile}")
    replies += oscar.send(f"/close 1 {hostile}")
    replies += alice.send("/reopen 1")
    replies += alice.send(f"/followup 1 {hostile}")
    for who, command in [(alice, "/mine"), (alice, "/status 1"), (alice, "/status 2"), (oscar, "/queue"),
                         (oscar, "/status 1"), (oscar, "/status 2"), (oscar, "/stats"), (officers, "/queue"),
                         (alice, f"/queue {hostile}"), (oscar, f"/queue {hostile}"), (alice, f"/lang {hostile}"),
                         (alice, f"/status {hostile}"), (alice, f"/{hostile}"), (alice, "/help")]:  # fmt: skip
        replies += who.send(command)
    notices = [dialog.render_notification(n) for n in drain(tracker)]
    everything = replies + notices
    assert_safe(everything)

    shown = "\n".join(html.unescape(r.html) for r in everything)
    assert shown.count(hostile) >= 5  # the text is shown in full, as text, where it is shown whole
    assert "<script>" not in "\n".join(r.html for r in everything)
    detail = tracker.item_detail(actor_id=ALICE, item_id=1)
    assert detail.item.description == hostile
    assert {e.text for e in detail.history} >= {hostile}
    assert tracker.get_user(user_id=ALICE).name == hostile  # type: ignore[union-attr]


def test_sql_in_every_text_field_leaves_the_data_intact(dialog: Dialog, tracker: Tracker, ada: Chat) -> None:
    alice = Chat(dialog, ALICE, SQL)
    bob = Chat(dialog, BOB, SQL2)
    for who in (alice, bob):
        who.send(f"/problem {SQL}")
        who.send(f"record {SQL2}")
        who.press_label("Ask an officer")
        who.skip_intake()
        who.send(f"/followup {SQL}")  # two open items: asks which; nothing added
        who.send(f"/status {SQL}")
        who.send(f"/close {SQL}")
        who.press(f"reopen:{SQL}")
        who.press(f"cat:1:{SQL}")
        who.press(f"lang:{SQL}")
    ada.send(f"/grant {SQL} officer")
    ada.send(f"/grant 1 {SQL}")
    ada.send(f"/revoke {SQL}")
    ada.send(f"/queue {SQL}")
    ada.send(f"/reply 1 {SQL}")
    ada.send(f"/close 3 {SQL2}")

    tables = dump(tracker)
    with tracker._engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert {"item", "user_account", "item_event", "notification", "enterprise", "chat_state"} <= names
    assert len(tables["item"]) == 4
    assert {u.id for u in (tracker.get_user(user_id=i) for i in (ALICE, BOB, ADA)) if u} == {ALICE, BOB, ADA}
    assert tracker.item_detail(actor_id=ADA, item_id=1).item.description == SQL
    assert tracker.item_detail(actor_id=ADA, item_id=4).item.description == f"record {SQL2}"
    assert tracker.item_detail(actor_id=ADA, item_id=3).item.resolution == SQL2
    assert [h.text for h in tracker.item_detail(actor_id=ADA, item_id=1).history if h.text == SQL]


def test_a_command_inside_a_question_is_just_text(alice: Chat, tracker: Tracker, services: object) -> None:
    alice.send("/problem Held goods")
    for message in ["please /close 1 for me", "hello\n/close 1", " what does /reopen do?", "‍/close 1"]:
        replies = alice.send(message)
        assert text("closed_own", "en", item=1) not in [r.html for r in replies]
    assert tracker.my_items(actor_id=ALICE)[0].status == "open"
    assert "please /close 1 for me" in services.retriever.asked  # type: ignore[attr-defined]


def test_a_slash_question_is_an_unknown_command_and_does_nothing(alice: Chat, tracker: Tracker) -> None:
    before = dump(tracker)
    assert alice.say("/etc/passwd where is it?") == text("unknown_command", "en")
    assert alice.say("/close1") == text("unknown_command", "en")
    assert dump(tracker)["item"] == before["item"]


def test_a_command_for_another_bot_is_dropped_by_the_adapter_and_cannot_widen_rights(alice: Chat, bob: Chat) -> None:
    assert own_command("/close@otherbot 1", "iprdesk_bot") is None
    assert own_command("/close@IPRDESK_BOT 1", "iprdesk_bot") == "/close 1"
    assert own_command("ask /close@otherbot 1", "iprdesk_bot") == "ask /close@otherbot 1"
    bob.send("/problem Bob's")
    # Whatever a bot suffix says, the core runs the command with the sender's own rights.
    assert alice.say("/close@otherbot 1") == alice.say("/close@iprdesk_bot 99").replace("99", "1")
    assert alice.say("/queue@iprdesk_bot") == text("not_allowed", "en")


@pytest.mark.parametrize(
    "data",
    ["reopen:1:extra", "take:1;DROP", "cat:1:recordation:x", "fu:-1", "fu:１", "reopen:" + "9" * 40, "esc:",
     "lang:en:zh", "\x00", ":" * 60, "pc:" + SQL],
)  # fmt: skip
def test_malformed_button_data_is_an_expired_button(alice: Chat, tracker: Tracker, data: str) -> None:
    before = dump(tracker)
    replies = alice.press(data[:64])
    assert [r.html for r in replies] in ([text("button_expired", "en")], [text("not_allowed", "en")])
    assert dump(tracker)["item"] == before["item"]


@pytest.mark.parametrize("command", ["/grant 99999999999999999999999 officer", "/revoke 9223372036854775808"])
def test_a_huge_user_id_is_a_usage_error_not_a_crash(ada: Chat, tracker: Tracker, command: str) -> None:
    ada.send("/help")  # first contact stores the language
    before = dump(tracker)
    assert ada.say(command).startswith("Usage:")
    assert dump(tracker) == before
