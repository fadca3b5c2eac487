"""Officers work the list to zero: /queue, /take, /reply, /close, /reopen, /stats, and the officer chat."""

from __future__ import annotations

import re

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
    # a working day after it was logged, in Beijing time (tests/core/test_casework_sla.py)
    due = "⏰ first response due "
    lines = replies[0].html.split("\n")
    assert lines[0] == "<b>Queue</b> (2)" and all(due in line for line in lines[1:])
    assert [re.sub(r"due [0-9-]+ [0-9:]+", "due …", line) for line in lines[1:]] == [
        "#1 · ⏰ first response due … · open · 0 min old · Other · Alice &lt;Acme&gt;: Held goods",
        "#2 · ⏰ first response due … · open · 0 min old · Infringement clue · Alice &lt;Acme&gt;: Fake labels",
    ]
    assert labels(replies) == ["Take #1", "Take #2"]


def test_queue_by_category_in_either_language(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    alice.send("/problem Fake labels")
    alice.press_label("Infringement clue")
    assert oscar.say("/queue infringement_clue").count("\n#") == 1
    assert oscar.say("/queue 侵权线索").startswith("<b>Queue · Infringement clue</b> (1)")
    assert oscar.say("/queue recordation") == "Nothing waiting: the list is at zero."
    assert oscar.say("/queue weather") == (
        "Usage: /queue [category] — categories: Customs recordation, Other ports, Infringement clue, "
        "Risk analysis, Detention and guarantee, Other"
    )  # the labels people see, never internal keys like other_ports


def test_take_reply_close_tell_the_enterprise(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    drain(tracker)
    assert oscar.say("/take 1").startswith("You took #1. Type your reply to the enterprise now")
    assert oscar.say("/reply 1 Please send\nthe invoice") == (
        "Reply on #1 sent to the enterprise. Close with this as the resolution?"
    )
    assert (
        oscar.say("/close 1 Released after the guarantee was paid")
        == "#1 is resolved; the enterprise is told."
    )
    rendered = [oscar.dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert [r.html for r in rendered] == [
        "#1 was taken by officer Oscar.",
        "Reply on #1 from officer Oscar:\nPlease send\nthe invoice",
        "#1 is resolved: Released after the guarantee was paid\n"
        "If that does not settle it, you can reopen it.\n\nHow did we do on #1?",
    ]
    assert all(r.chat_id == ALICE for r in rendered)
    assert labels(rendered) == ["1⭐", "2⭐", "3⭐", "4⭐", "5⭐", "Reopen #1"]


def test_the_enterprise_reopens_from_the_resolved_notice(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Done")
    closed = [oscar.dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert alice.press_label("Reopen #1", closed)[0].html.startswith("Why reopen #1?")
    assert alice.say("The goods are still held") == "#1 is in progress again, with Oscar, who has been told."
    assert (
        tracker.my_items(actor_id=ALICE)[0].status == Status.IN_PROGRESS
    )  # back with the officer who closed it


def test_officer_reopen(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Done")
    assert oscar.say("/reopen 1 The enterprise sent new papers") == (
        "#1 is in progress again, with you; the enterprise is told."
    )  # the closing officer still holds it: that is its real status
    assert oscar.say("/close") == "Usage: /close N [RESOLUTION]"


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
    assert olga.say("/reply 1 On it").startswith("Reply on #1 sent to the enterprise.")
    for bad in ("/reassign", "/reassign 1", "/reassign 1 olga", f"/reassign x {OLGA}", "/reassign 1 2 3"):
        assert oscar.say(bad) == "Usage: /reassign N USER_ID", bad
    assert oscar.say(f"/reassign 1 {ALICE}").startswith("User ")  # not an officer: the tracker's plain refusal
    assert alice.say(f"/reassign 1 {OLGA}") != f"#1 is now with user {OLGA}."


def test_take_reply_and_close_of_an_item_another_officer_holds_name_the_holder(
    alice: Chat, oscar: Chat, olga: Chat
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/take 1")
    held = "#1 is held by Oscar. Ask them, or hand it over with /reassign 1 USER_ID."
    assert olga.say("/take 1") == held
    assert olga.say("/reply 1 I'll answer") == held
    assert olga.say("/close 1 Done") == held
    olga.language_code = "zh"
    olga.send("/lang zh")
    assert olga.say("/take 1") == "#1 由 Oscar 负责。请与其联系，或用 /reassign 1 用户ID 转交。"


def test_officers_are_told_about_a_missing_item_plainly(oscar: Chat) -> None:
    assert oscar.say("/take 99") == "No item #99."
    assert oscar.say("/status 99") == "No item #99."


def test_officer_usage_lines(oscar: Chat) -> None:
    assert oscar.say("/take") == "Usage: /take N"
    assert oscar.say("/reply") == "Usage: /reply N [TEXT]"
    assert oscar.say("/reply one two") == "Usage: /reply N [TEXT]"


def test_stats_say_how_far_the_list_is_from_zero(alice: Chat, oscar: Chat) -> None:
    for title in ("a", "b", "c", "d"):
        alice.send(f"/problem {title}")
    oscar.send("/take 2")
    oscar.send("/close 3 done")
    alice.send("/close 4 solved it myself")
    alice.send("/problem e")
    alice.press_label("Customs recordation")
    figures, chart = oscar.send("/stats")  # the figures, then the chart (tests/core/test_casework.py)
    assert figures.html == (
        "2 open · 1 in progress · 1 resolved by officers · 1 closed by their owners — 3 to go to zero; "
        "40% cleared (resolved or closed, of 5 ever logged); median 0.0 h to close; 0 overdue\n"
        "Open by category: Customs recordation 1, Other 1\n"
        "In progress by category: Other 1\n"
        "Resolved on time (working days): 100% of 1\n"
        "Satisfaction: no ratings yet\n"
        "Recordations expiring in the next six months: 0"
    )
    assert chart.upload is not None  # "open" counts only the open items; those in progress have their own line
    oscar.send("/lang zh")
    assert oscar.send("/stats")[0].html == (
        "待处理 2 · 处理中 1 · 关员办结 1 · 企业自行关闭 1 —— 距清零还差 3 项；"
        "已清 40%（已办结或已关闭的事项占全部 5 项的比例）；"
        "办结用时中位数 0.0 小时；超期 0 项\n"
        "各类待处理：海关备案 1, 其他 1\n"
        "各类处理中：其他 1\n"
        "按期办结（工作日）：1 件中 100%\n"
        "满意度：尚无评价\n"
        "未来六个月内到期的备案：0 件"
    )


def test_stats_before_anything_was_closed(oscar: Chat) -> None:
    assert "nothing closed yet" in oscar.send("/stats")[0].html


def test_the_officer_chat_announcement_of_a_problem(
    alice: Chat, officer_chat: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    (notice,) = notices_to(tracker, OFFICER_CHAT)
    reply = officer_chat.dialog.render_notification(notice)
    assert reply.chat_id == OFFICER_CHAT
    assert reply.html == "<b>New #1</b> · problem · Other\nFrom: Alice &lt;Acme&gt;\n\nHeld goods"
    assert labels([reply]) == ["Open #1", "Take #1"]
    (taken,) = officer_chat.press_label("Take #1", [reply])
    assert taken.chat_id == OSCAR  # to the officer's own chat, where the reply is typed
    assert taken.html.startswith("You took #1. Type your reply to the enterprise now")


def test_an_escalation_announcement_carries_the_nearest_entries(
    alice: Chat, officer_chat: Chat, tracker: Tracker
) -> None:
    alice.press_label("Ask an officer", alice.send("Can I import fireworks?"))
    alice.skip_intake()
    (notice,) = notices_to(tracker, OFFICER_CHAT)
    reply = officer_chat.dialog.render_notification(notice)
    assert "question for an officer" in reply.html
    assert (
        "<b>Knowledge base suggestions</b>\n"
        "• How large is the guarantee for a detention? (<code>guarantees#amount</code>)" in reply.html
    )
    assert "(<code>ex-officio-route#what</code>)" in reply.html
    assert labels([reply]) == [
        "Open #1",
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
    alice.skip_intake()
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
