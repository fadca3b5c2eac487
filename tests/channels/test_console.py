"""The terminal chat, scripted: what is typed goes in on stdin, what the user would read comes out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.app import serve_terminal
from bot.channels.console import plain
from bot.tracker.service import Tracker
from bot.tracker.values import ItemKind, Role
from tests.fakes.fake_services import FakeServices, real_tracker

USER = 1


@pytest.fixture
def services(tmp_path: Path) -> FakeServices:
    return FakeServices(real_tracker(tmp_path))


def chat(services: FakeServices, *lines: str, role: str = "enterprise") -> str:
    out = io.StringIO()
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    status = serve_terminal(services, role=role, user_id=USER, stdin=stdin, stdout=out)  # type: ignore[arg-type]
    assert status == 0
    return out.getvalue()


def test_a_question_a_numbered_button_that_escalates_and_mine(services: FakeServices) -> None:
    skipped = ("6", "1", "1", "1", "3", "1", "3")  # every step of the intake skipped (Skip's number), then Log it
    out = chat(services, "Can I import <fireworks>?", "3", *skipped, "1", "/mine")
    assert out.startswith("iprdesk terminal chat, as an enterprise user (user 1).")
    assert "I'm not sure I have the answer to that." in out
    assert (
        "[1] How large is the guarantee for a…\n[2] What is ex officio protection?\n[3] Ask an officer" in out
    )
    assert "Logged as #1. An officer will answer here" in out
    assert "Your items\n#1 · open · Can I import <fireworks>?" in out  # tags stripped, entities decoded
    (item,) = services.tracker.my_items(actor_id=USER)
    assert (item.kind, item.description) == (ItemKind.ESCALATION, "Can I import <fireworks>?")


def test_buttons_on_one_row_share_a_line(services: FakeServices) -> None:
    out = chat(services, "How do I record my mark?", "4")
    assert "[4] 👍 Helpful  [5] 👎 Not helpful\n[6] Ask an officer" in out
    assert "Thank you for the feedback." in out


def test_a_number_without_a_button_is_never_a_question(services: FakeServices) -> None:
    out = chat(services, "/mine", "7")
    assert "There is no choice numbered 7 here. For item #7, send /status 7;" in out
    assert services.retriever.asked == []


def test_quit_leaves_and_ignores_the_rest(services: FakeServices) -> None:
    out = chat(services, "/quit", "/mine")
    assert "Your items" not in out and "You have no items" not in out


def test_end_of_input_leaves(services: FakeServices) -> None:
    assert chat(services).count("> ") == 1


def test_as_officer_the_role_is_granted_and_officer_chat_notices_are_shown(services: FakeServices) -> None:
    out = chat(services, "/problem Goods held at Dayaowan", "1", role="officer")
    user = services.tracker.get_user(user_id=USER)
    assert user is not None and user.role == Role.OFFICER
    assert "🔔 You are now an officer." in out
    assert "🔔 New #1 · problem · Other\nFrom: Console\n\nGoods held at Dayaowan\n[7] Open #1  [8] Take #1" in out


def test_notices_for_other_chats_stay_pending(services: FakeServices) -> None:
    tracker: Tracker = services.tracker
    tracker.ensure_user(user_id=2, name="Other")
    tracker.grant_role(actor_id=None, user_id=2, role=Role.OFFICER)  # a notice to chat 2
    out = chat(services, "/mine")
    assert "You are now an officer" not in out
    assert [n.chat_id for n in tracker.claim_notifications()] == [2]


def test_an_officer_reply_reaches_the_enterprise_console(services: FakeServices) -> None:
    chat(services, "/problem Goods held")
    tracker: Tracker = services.tracker
    tracker.ensure_user(user_id=2, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=2, role=Role.OFFICER)
    tracker.reply(actor_id=2, item_id=1, text="Please send the <invoice>")
    out = chat(services, "/status 1")
    assert "🔔 Reply on #1 from officer Oscar:\nPlease send the <invoice>" in out


def test_plain_strips_tags_and_decodes_entities() -> None:
    assert plain("<b>#1 &lt;b&gt;x&lt;/b&gt;</b> &amp; <code>id</code>") == "#1 <b>x</b> & id"


def test_the_calculator_in_the_terminal_with_numbered_choices(services: FakeServices) -> None:
    out = chat(services, "/calc", "1", "1", "50k", "/calc", "2", "1", "2026-09-30")
    assert "[1] Guarantee for a value\n[2] Last day of a time limit\n[3] Recordation expiry and renewal" in out
    assert "Guarantee: RMB 25,000" in out  # route 1: customs found them (ex officio)
    assert "Last day: Saturday 10 October 2026" in out


def test_the_officers_path_is_notice_view_take_reply_close_with_this(services: FakeServices) -> None:
    """Three presses (numbers) and one typed answer clear an item, as an officer sees it in the terminal."""
    tracker: Tracker = services.tracker
    tracker.ensure_user(user_id=2, name="Acme Trading")
    tracker.raise_item(actor_id=2, title="Goods held at Dayaowan", description="Goods held at Dayaowan since Monday")
    out = chat(services, "1", "1", "Please send the invoice; we release on receipt.", "1", role="officer")
    notice = (
        "🔔 New #1 · problem · Other\nFrom: Acme Trading\n\nGoods held at Dayaowan since Monday\n"
        "[1] Open #1  [2] Take #1"
    )
    view = "#1 Goods held at Dayaowan\nproblem · Other · open\nFrom: Acme Trading (user 2)"
    taken = "You took #1. Type your reply to the enterprise now, or use the buttons."
    replied = "Reply on #1 sent to the enterprise. Close with this as the resolution?\n[1] Close #1 with this"
    closed = "#1 is resolved; the enterprise is told."
    positions = [out.index(step) for step in (notice, view, taken, replied, closed)]
    assert positions == sorted(positions)
    assert "[1] Take #1\n[2] Reply  [3] Close  [4] Reassign" in out  # the one view's next steps
    (item,) = tracker.my_items(actor_id=2)
    assert (item.status, item.resolution) == ("resolved", "Please send the invoice; we release on receipt.")
