"""Issue 16, the second security review, against the real core and a real Tracker: shared identities,
revoked officers, floods of follow-ups, oversized texts. The Telegram side of these is in
tests/channels/test_telegram_review.py."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from bot.core.dialog import Dialog
from bot.core.limits import RateLimiter
from bot.core.messages import Incoming
from bot.core.texts import text
from bot.retrieval.knowledge import parse_file
from bot.tracker.service import Tracker
from tests.core.conftest import ALICE, OSCAR, Chat, buttons_of, drain, html_of
from tests.fakes.clock import FakeClock
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices
from tests.security.conftest import dump

GROUP_ANONYMOUS_BOT = 1087968824  # Telegram's sender of every anonymous group admin's message
CHANNEL_BOT = 136817688  # and of posts made as a channel


def anonymous(user_id: int, chat_id: int, **fields: object) -> Incoming:
    return Incoming(
        user_id=user_id, chat_id=chat_id, user_name="Group", chat_type="supergroup", sender_is_person=False,
        **fields,  # type: ignore[arg-type]
    )


# -- 1. a bot or channel identity never acts as a person ------------------------------------------------


def test_an_anonymous_admin_gets_a_hint_and_touches_nothing(dialog: Dialog, tracker: Tracker, alice: Chat) -> None:
    alice.send("/problem Goods of ours held at Dalian")
    before = dump(tracker)
    for user_id in (GROUP_ANONYMOUS_BOT, CHANNEL_BOT):
        for chat_id in (-2001, -2002):
            for said in ("/mine", "/status 1", "/close 1", "/problem flood", "/start"):
                [reply] = dialog.handle(anonymous(user_id, chat_id, text=said))
                assert reply.html == text("not_a_person", "en")
            [reply] = dialog.handle(anonymous(user_id, chat_id, button="take:1"))
            assert reply.html == text("not_a_person", "en")
            assert dialog.handle(anonymous(user_id, chat_id, text="group chatter")) == []
    assert dump(tracker) == before  # no user row, no chat state, no item touched


# -- 2. a revoked officer's items go back to the queue, and its notices to the officers -----------------


def test_a_revoked_officer_hands_its_items_back_and_hears_nothing_more_of_them(
    dialog: Dialog, tracker: Tracker, alice: Chat, oscar: Chat, olga: Chat, ada: Chat
) -> None:
    alice.send("/problem Goods held at Dalian")
    oscar.send("/take 1")
    alice.send("/followup 1 The container is MSCU1234567")  # queued for Oscar, not yet sent
    ada.send(f"/revoke {OSCAR}")
    alice.send("/reopen 1")  # not finished: refused, nothing to hear
    alice.send("/followup 1 And the bill of lading is BL-42")

    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.status, item.assignee_id) == ("open", None)
    notices = drain(tracker)
    assert [n for n in notices if n.chat_id == OSCAR] == []
    to_officers = [n for n in notices if n.chat_id == OFFICER_CHAT]
    kinds = [n.kind for n in to_officers]
    assert kinds.count("follow_up") == 2 and "items_returned" in kinds
    [returned] = [n for n in to_officers if n.kind == "items_returned"]
    announcement = dialog.render_notification(returned)
    assert "#1" in announcement.html and "Oscar" in announcement.html
    assert [b.data for row in announcement.buttons for b in row] == ["take:1"]
    assert "take:1" in [b.data for row in olga.send("/queue")[0].buttons for b in row]


def test_a_finished_item_of_a_revoked_officer_reopens_to_the_queue(
    dialog: Dialog, tracker: Tracker, alice: Chat, oscar: Chat, ada: Chat
) -> None:
    """Finished items keep their assignee: reopened after the revoke, one must not go back to the former
    officer (in progress under a non-officer, its reopen notice to them, no Take button for the others)."""
    alice.send("/problem Goods held at Dalian")
    oscar.send("/take 1")
    tracker.close(actor_id=OSCAR, item_id=1, resolution="Released after the guarantee")
    ada.send(f"/revoke {OSCAR}")
    drain(tracker)
    alice.send("/reopen 1 still held")

    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.status, item.assignee_id) == ("open", None)
    assert [n.kind for n in drain(tracker) if n.chat_id == OSCAR] == []


# -- 3. follow-ups, "Add to #N" and close/reopen cycles are limited; history is read a page at a time ----


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limited(services: FakeServices, clock: FakeClock) -> Dialog:
    return Dialog(services, limiter=RateLimiter(clock=clock.monotonic))


def notices_to_officers(tracker: Tracker) -> int:
    return len([n for n in drain(tracker) if n.chat_id == OFFICER_CHAT])


def test_follow_ups_are_limited_and_the_refusal_says_when_to_try_again(
    limited: Dialog, tracker: Tracker, clock: FakeClock
) -> None:
    alice = Chat(limited, ALICE, "Alice")
    alice.send("/problem Goods held at Dalian")
    drain(tracker)
    sent = [alice.say(f"/followup 1 detail {n}") for n in range(60)]
    alice.send("/followup 1")  # the follow-up step: the next message is the text
    sent.append(alice.say("the step's text"))
    refused = [html for html in sent if html == text("rate_followups", "en", wait=1)]
    assert len(refused) == 51, sent  # the burst of ten, then nothing until a token is back
    assert notices_to_officers(tracker) == len(sent) - len(refused) == 10
    clock.advance(60)
    assert alice.say("/followup 1 a minute later") == text("followup_added", "en", item=1)


def test_close_and_reopen_cycles_are_limited(limited: Dialog, tracker: Tracker, clock: FakeClock) -> None:
    alice = Chat(limited, ALICE, "Alice")
    alice.send("/problem Goods held at Dalian")
    drain(tracker)
    said = []
    for _ in range(30):
        said.append(alice.say("/close 1"))
        said.append(alice.say("/reopen 1 still held"))
    waits = [html for html in said if html.startswith(text("rate_status", "en", wait=9).split("9")[0])]
    assert len(waits) >= 40, said
    assert notices_to_officers(tracker) <= 10


def test_status_reads_one_page_of_history_however_long_it_grew(dialog: Dialog, tracker: Tracker, alice: Chat) -> None:
    alice.send("/problem Goods held at Dalian")
    for n in range(300):
        tracker.follow_up(actor_id=ALICE, item_id=1, text=f"detail {n}")
    statements: list[str] = []

    def listen(conn: object, cursor: Any, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(tracker._engine, "before_cursor_execute", listen)
    try:
        html = alice.say("/status 1")
    finally:
        event.remove(tracker._engine, "before_cursor_execute", listen)
    history_reads = [s for s in statements if "FROM item_event" in s]
    assert history_reads and all("LIMIT" in s.upper() for s in history_reads), history_reads
    assert "detail 299" in html and "detail 0<" not in html and "detail 0\n" not in html


# -- 4. a small knowledge file cannot explode ---------------------------------------------------------

ALIAS_BOMB = b"""---
id: bomb
title: Bomb
lang: en
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
legal_basis: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
---

## What happens? {#what}

Nothing.
"""


def test_yaml_anchors_and_aliases_are_refused() -> None:
    assert len(ALIAS_BOMB) < 600
    parsed = parse_file("bomb.md", ALIAS_BOMB)
    assert parsed.sections == [] and parsed.errors
    assert any("anchors" in str(error) for error in parsed.errors), parsed.errors


def test_front_matter_nested_thousands_deep_is_refused_not_a_recursion_error() -> None:
    for depth in (2_000, 20_000):  # 4 and 40 kB, well under the file limit
        deep = f"---\nid: deep\ntitle: Deep\nlang: en\nx: {'[' * depth}{']' * depth}\n---\n\n## Q {{#q}}\n\nA.\n"
        parsed = parse_file("deep.md", deep.encode())
        assert parsed.sections == [] and [e.code for e in parsed.errors] == ["bad_yaml"], parsed.errors
    nested = "---\nid: ok\ntitle: Ok\nlang: en\ntopics: [a, b]\nsource: {name: x, url: y}\n---\n\n## Q {#q}\n\nA.\n"
    assert parse_file("ok.md", nested.encode()).errors == []


def long_fields(**lengths: int) -> bytes:
    n = {"title": 10, "basis": 10, "heading": 10, "topic": 5, "body_basis": 10, "text": 10} | lengths
    return f"""---
id: long
title: {"T" * n["title"]}
lang: en
legal_basis: {"B" * n["basis"]}
topics: [{"x" * n["topic"]}]
---

## {"H" * n["heading"]} {{#entry}}

{"word " * (n["text"] // 5)}

Legal basis: {"L" * n["body_basis"]}
""".encode()


def test_every_field_and_heading_has_a_stated_length_limit() -> None:
    assert parse_file("ok.md", long_fields()).errors == []
    for field, limit in (("title", 200), ("basis", 500), ("topic", 80), ("heading", 200), ("body_basis", 500),
                         ("text", 6000)):
        assert parse_file("ok.md", long_fields(**{field: limit})).errors == [], field
        errors = parse_file("long.md", long_fields(**{field: limit + 5})).errors
        assert errors and all(str(limit) in str(e) for e in errors), (field, errors)


# -- 5. long texts are shown whole, or said to be shortened with the way to see them whole ---------------


def test_long_texts_reach_their_readers_whole(
    dialog: Dialog, tracker: Tracker, alice: Chat, oscar: Chat
) -> None:
    def long(end: str) -> str:
        return ("The goods were held at the port. " * 120)[:3980] + " " + end

    alice.send("/problem " + long("container MSCU1234567"))
    tracker.reply(actor_id=OSCAR, item_id=1, text=long("bill BL-END"))
    alice.send("/followup 1 " + long("invoice FU-END"))
    rendered = "\n".join(dialog.render_notification(n).html for n in drain(tracker))
    for end in ("MSCU1234567", "BL-END", "FU-END"):
        assert end in rendered, end

    status = alice.say("/status 1")
    assert "MSCU1234567" in status  # the description whole
    assert text("history_shortened", "en", item=1) in status  # and the history says it is shortened
    whole = html_of(alice.send("/status 1 full"))
    assert "BL-END" in whole and "FU-END" in whole


def test_a_long_problem_added_to_a_like_item_is_kept_whole(dialog: Dialog, tracker: Tracker, alice: Chat) -> None:
    """/problem with a text over 4,000 characters, offered as like an open item and added to it: the end of
    the text (where the container number is) must not be dropped, as a new item keeps it in parts."""
    alice.send("/problem Goods held at the port of Dalian, trademark ACME, container.")
    long = ("Goods held at the port of Dalian, trademark ACME, container. " * 70)[:4050] + " END-MSCU999"
    offer = alice.send("/problem " + long)
    alice.press(next(b.data for b in buttons_of(offer) if b.data.startswith("in:dup:")))
    assert "END-MSCU999" in html_of(alice.send("/status 1 full"))


def test_add_to_an_item_presses_count_as_follow_ups(limited: Dialog, tracker: Tracker, clock: FakeClock) -> None:
    alice = Chat(limited, ALICE, "Alice")
    alice.send("/problem Goods held at Dalian")
    for n in range(10):
        alice.send(f"/followup 1 detail {n}")  # the allowance used up
    drain(tracker)
    alice.send("Who may record a trademark?")
    picked = alice.press(next(b.data for b in buttons_of(alice.last) if b.data.startswith("add:")))
    [refused] = alice.press(buttons_of(picked)[0].data)
    assert refused.html == text("rate_followups", "en", wait=1)
    assert notices_to_officers(tracker) == 0
