"""Officers work the list to zero: /queue, /take, /reply, /close, /reopen, /stats, and the officer chat."""

from __future__ import annotations

from bot.core.dialog import Dialog
from bot.tracker.service import Tracker
from bot.tracker.values import Status
from tests.core.conftest import ALICE, OLGA, OSCAR, Chat, button, drain, html_of, labels, notices_to
from tests.fakes.fake_services import LONG_ID, OFFICER_CHAT, FakeServices


def test_queue_lists_open_items_with_take_buttons(alice: Chat, oscar: Chat) -> None:
    assert oscar.say("/queue") == "Nothing waiting: the list is at zero."
    alice.send("/problem Held goods")
    alice.send("/problem Fake labels")
    alice.press_label("Infringement clue")
    replies = oscar.send("/queue")
    assert replies[0].html == (
        "<b>Queue</b> (2)\n#1 · open · Other · Alice &lt;Acme&gt;: Held goods\n"
        "#2 · open · Infringement clue · Alice &lt;Acme&gt;: Fake labels"
    )
    assert labels(replies) == ["Take #1", "Take #2"]


def test_queue_by_category_in_either_language(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    alice.send("/problem Fake labels")
    alice.press_label("Infringement clue")
    assert oscar.say("/queue infringement_clue").count("\n#") == 1
    assert oscar.say("/queue 侵权线索").startswith("<b>Queue · Infringement clue</b> (1)")
    assert oscar.say("/queue recordation") == "Nothing waiting: the list is at zero."
    assert oscar.say("/queue weather").startswith("Usage: /queue [category] — categories: recordation, ")


def test_take_reply_close_tell_the_enterprise(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    drain(tracker)
    assert oscar.say("/take 1") == "You took #1. Answer with /reply 1 TEXT."
    assert oscar.say("/reply 1 Please send\nthe invoice") == "Reply on #1 sent to the enterprise."
    assert (
        oscar.say("/close 1 Released after the guarantee was paid")
        == "#1 is resolved; the enterprise is told."
    )
    rendered = [oscar.dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert [r.html for r in rendered] == [
        "#1 was taken by officer Oscar.",
        "Reply on #1 from officer Oscar:\nPlease send\nthe invoice",
        "#1 is resolved: Released after the guarantee was paid\n"
        "If that does not settle it, you can reopen it.",
    ]
    assert all(r.chat_id == ALICE for r in rendered)
    assert labels(rendered) == ["Reopen #1"]


def test_the_enterprise_reopens_from_the_resolved_notice(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Done")
    closed = [oscar.dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert alice.press_label("Reopen #1", closed)[0].html == "#1 is open again; an officer will look at it."
    assert (
        tracker.my_items(actor_id=ALICE)[0].status == Status.IN_PROGRESS
    )  # back with the officer who closed it


def test_officer_reopen(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Done")
    assert oscar.say("/reopen 1") == "#1 is open again."
    assert oscar.say("/close 1") == "Usage: /close N RESOLUTION"


def test_reassign_hands_the_item_to_another_officer_who_hears_of_it(
    alice: Chat, oscar: Chat, olga: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/take 1")
    drain(tracker)
    assert oscar.say(f"/reassign 1 {OLGA}") == f"#1 is now with user {OLGA}."
    assert [oscar.dialog.render_notification(n).html for n in notices_to(tracker, OLGA)] == [
        "#1 has been handed to you."
    ]
    assert tracker.item_detail(actor_id=OLGA, item_id=1).item.assignee_id == OLGA
    assert olga.say("/reply 1 On it") == "Reply on #1 sent to the enterprise."
    for bad in ("/reassign", "/reassign 1", "/reassign 1 olga", f"/reassign x {OLGA}", "/reassign 1 2 3"):
        assert oscar.say(bad) == "Usage: /reassign N USER_ID", bad
    assert oscar.say(f"/reassign 1 {ALICE}").startswith("User ")  # not an officer: the tracker's plain refusal
    assert alice.say(f"/reassign 1 {OLGA}") != f"#1 is now with user {OLGA}."


def test_a_second_officer_cannot_take_a_taken_item(alice: Chat, oscar: Chat, olga: Chat) -> None:
    alice.send("/problem Held goods")
    oscar.send("/take 1")
    assert (
        olga.say("/take 1") == "That can't be done on #1 now: it was changed, taken or closed. See /status 1."
    )


def test_officers_are_told_about_a_missing_item_plainly(oscar: Chat) -> None:
    assert oscar.say("/take 99") == "No item #99."
    assert oscar.say("/status 99") == "No item #99."


def test_officer_usage_lines(oscar: Chat) -> None:
    assert oscar.say("/take") == "Usage: /take N"
    assert oscar.say("/reply 1") == "Usage: /reply N TEXT"
    assert oscar.say("/reply one two") == "Usage: /reply N TEXT"


def test_stats_say_how_far_the_list_is_from_zero(alice: Chat, oscar: Chat) -> None:
    for title in ("a", "b", "c", "d"):
        alice.send(f"/problem {title}")
    oscar.send("/take 2")
    oscar.send("/close 3 done")
    assert oscar.say("/stats") == (
        "2 open · 1 in progress · 1 resolved — 3 to go to zero (25% cleared); "
        "median 0.0 h to close; 0 overdue\n"
        "Open by category: Other 3"
    )


def test_stats_before_anything_was_closed(oscar: Chat) -> None:
    assert "nothing closed yet" in oscar.say("/stats")


def test_the_officer_chat_announcement_of_a_problem(
    alice: Chat, officer_chat: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    (notice,) = notices_to(tracker, OFFICER_CHAT)
    reply = officer_chat.dialog.render_notification(notice)
    assert reply.chat_id == OFFICER_CHAT
    assert reply.html == "<b>New #1</b> · problem · Other\nFrom: Alice &lt;Acme&gt;\n\nHeld goods"
    assert labels([reply]) == ["Take #1"]
    assert officer_chat.press_label("Take #1", [reply])[0].html == "You took #1. Answer with /reply 1 TEXT."


def test_an_escalation_announcement_carries_the_nearest_entries(
    alice: Chat, officer_chat: Chat, tracker: Tracker
) -> None:
    alice.press_label("Ask an officer", alice.send("Can I import fireworks?"))
    (notice,) = notices_to(tracker, OFFICER_CHAT)
    reply = officer_chat.dialog.render_notification(notice)
    assert "question for an officer" in reply.html
    assert (
        "<b>Knowledge base suggestions</b>\n"
        "• How large is the guarantee for a detention? (<code>guarantees#amount</code>)" in reply.html
    )
    assert "(<code>ex-officio-route#what</code>)" in reply.html
    assert labels([reply]) == [
        "Take #1",
        "📖 How large is the guarantee for a…",
        "📖 What is ex officio protection?",
    ]
    shown = officer_chat.press_label("📖 What is ex officio", [reply])
    assert shown[0].html.startswith("<b>What is ex officio protection?</b>") and shown[0].buttons == ()


def test_an_entry_id_too_long_for_a_button_is_aliased_in_the_officer_chat(
    alice: Chat, officer_chat: Chat, tracker: Tracker, services: FakeServices
) -> None:
    services.retriever.related_ids = (LONG_ID, "guarantees#amount")
    alice.press_label("Ask an officer", alice.send("Can I import fireworks?"))
    reply = officer_chat.dialog.render_notification(notices_to(tracker, OFFICER_CHAT)[0])
    assert f"<code>{LONG_ID}</code>" in reply.html
    long_button = button([reply], "📖 A topic whose id")
    assert LONG_ID not in long_button.data and len(long_button.data) <= 64
    assert "Some text." in officer_chat.press(long_button.data)[0].html


def test_group_plain_text_in_the_officer_chat_is_ignored(officer_chat: Chat) -> None:
    assert officer_chat.send("Anyone on #4 today?") == []
    assert officer_chat.say("/queue") == "Nothing waiting: the list is at zero."


def test_a_new_dialog_serves_the_same_officer_chat(alice: Chat, officer_chat: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    reply = officer_chat.dialog.render_notification(notices_to(tracker, OFFICER_CHAT)[0])
    officer_chat.dialog = Dialog(officer_chat.dialog.services)
    assert html_of(officer_chat.press_label("Take #1", [reply])).startswith("You took #1.")
    assert tracker.item_detail(actor_id=OSCAR, item_id=1).item.assignee_id == OSCAR
