"""An enterprise's own items: /problem (at once or step by step), /mine, /status, /followup, /close."""

from __future__ import annotations

from bot.tracker.service import Tracker
from bot.tracker.values import Category, Status
from tests.core.conftest import ALICE, OSCAR, Chat, drain, labels


def test_start_greets_and_says_what_the_bot_does(alice: Chat) -> None:
    html = alice.say("/start")
    assert html.startswith("Hello, Alice &lt;Acme&gt;!")  # the user's name is escaped too
    assert len(html.splitlines()) == 2 and "officers' list" in html


def test_problem_with_text_logs_at_once_then_asks_for_the_category(alice: Chat, tracker: Tracker) -> None:
    replies = alice.send("/problem Our shipment is held at Dalian port")
    assert replies[0].html == (
        "Logged as #1.\n"
        "An officer will answer here; /status 1 shows where it stands, /followup 1 adds to it.\n"
        "Which category fits it best?"
    )
    assert labels(replies)[0] == "Customs recordation" and len(labels(replies)) == 6
    assert (
        alice.press_label("Detention and guarantee")[0].html == "#1 is filed under “Detention and guarantee”."
    )
    item = tracker.my_items(actor_id=ALICE)[0]
    assert (item.title, item.category) == (
        "Our shipment is held at Dalian port",
        Category.DETENTION_GUARANTEE,
    )


def test_problem_alone_walks_through_category_then_description(alice: Chat, tracker: Tracker) -> None:
    assert alice.say("/problem") == "What is the problem about?"
    assert (
        alice.press_label("Infringement clue")[0].html
        == "Describe the problem in one message. /cancel stops."
    )
    assert alice.say("Fake bearings\nfrom a trader in Ningbo").startswith("Which right is it about?")
    for _ in range(7):  # the structured intake, every step skipped (tests/core/test_casework_intake.py)
        alice.press_label("Skip")
    assert alice.press_label("Log it")[0].html == (
        "Logged as #1 under “Infringement clue”.\n"
        "An officer will answer here; /status 1 shows where it stands, /followup 1 adds to it."
    )
    item = tracker.my_items(actor_id=ALICE)[0]
    assert (item.category, item.description) == (
        Category.INFRINGEMENT_CLUE,
        "Fake bearings\nfrom a trader in Ningbo",
    )
    assert alice.say("Who may record?").startswith("<b>")  # the walk-through is over: questions again


def test_text_typed_instead_of_a_category_is_logged_and_the_category_asked_after(alice: Chat) -> None:
    alice.send("/problem")
    replies = alice.send("Counterfeit labels found")
    assert replies[0].html.startswith("Logged as #1.\n") and len(labels(replies)) == 6


def test_cancel_leaves_the_walk_through(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    alice.press_label("Other")
    assert alice.say("/cancel") == "Cancelled."
    assert alice.say("/cancel") == "There is nothing to cancel."
    alice.send("Who may record?")
    assert tracker.my_items(actor_id=ALICE) == []


def test_another_command_leaves_the_walk_through_and_says_so(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    alice.press_label("Other")
    replies = alice.send("/followup")
    assert replies[0].html == "(I stopped waiting for your problem's description.)"
    alice.send("Who may record?")
    assert tracker.my_items(actor_id=ALICE) == []


def test_mine_lists_items_with_their_status(alice: Chat, oscar: Chat) -> None:
    assert alice.say("/mine") == "You have no items. Ask a question, or log a problem with /problem."
    alice.send("/problem First <problem>")
    alice.send("/problem Second problem")
    oscar.send("/take 1")
    assert alice.say("/mine") == (
        "<b>Your items</b>\n#2 · open · Second problem\n#1 · in progress · First &lt;problem&gt;"
    )


def test_status_shows_the_item_with_its_history_and_a_button_to_add(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    oscar.send("/reply 1 Please send the bill of lading")
    replies = alice.send("/status #1")
    html = replies[0].html
    assert html.startswith("<b>#1 Held goods</b>\nproblem · Other · in progress\n\nHeld goods")
    assert "Alice &lt;Acme&gt;: logged it" in html and "Oscar: took it" in html
    assert "Oscar: replied: Please send the bill of lading" in html
    assert labels(replies) == ["Add a message"]


def test_status_in_chinese(alice: Chat) -> None:
    alice.send("/lang zh")
    alice.send("/problem 货物被扣")
    html = alice.say("/status 1")
    assert "问题 · 其他 · 待处理" in html and "处理记录" in html and "：登记" in html


def test_close_and_reopen_own_item(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    assert alice.say("/close 1 duplicate") == "#1 is closed."
    assert tracker.my_items(actor_id=ALICE)[0].status == Status.CLOSED
    assert alice.say("/close 1").startswith("That can't be done on #1 now")
    assert alice.say("/reopen 1") == (
        "Why reopen #1? Send the reason in one message; it goes into the history. /cancel stops."
    )
    assert alice.say("not a duplicate after all") == "#1 is open again, back in the queue."
    assert alice.say("/reopen 1 again") == "#1 is open, so that can't be done now."
    history = tracker.item_detail(actor_id=ALICE, item_id=1).history
    assert [(e.to_status, e.text) for e in history[-2:]] == [
        (Status.CLOSED, "duplicate"), (Status.OPEN, "not a duplicate after all"),
    ]  # fmt: skip
    assert "set it to closed: duplicate" in alice.say("/status 1")


def test_followup_with_number_and_text(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    assert alice.say("/followup 1 The container number is MSKU1234567") == "Added to #1."
    assert (
        tracker.item_detail(actor_id=ALICE, item_id=1).history[-1].text
        == "The container number is MSKU1234567"
    )


def test_followup_without_number_goes_to_the_only_open_item(alice: Chat, tracker: Tracker) -> None:
    assert alice.say("/followup more words") == "You have no open item to add to. Log one with /problem."
    alice.send("/problem Held goods")
    assert alice.say("/followup more words") == "Added to #1."
    alice.send("/problem Another")
    assert alice.say("/followup more words").startswith("You have several open items; say which")


def test_followup_step_takes_the_next_plain_message(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    assert alice.say("/followup 1") == "Send what to add to #1. /cancel stops."
    assert alice.say("Who may record an IPR?") == "Added to #1."
    assert tracker.item_detail(actor_id=ALICE, item_id=1).history[-1].text == "Who may record an IPR?"
    assert alice.say("Who may record an IPR?").startswith("<b>")  # back to questions


def test_add_a_message_button_starts_the_followup_step(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    alice.send("/status 1")
    assert alice.press_label("Add a message")[0].html == "Send what to add to #1. /cancel stops."
    alice.send("invoice attached later")
    assert tracker.item_detail(actor_id=ALICE, item_id=1).history[-1].text == "invoice attached later"


def test_a_followup_reaches_the_officers(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/take 1")
    drain(tracker)
    alice.send("/followup 1 more")
    (notice,) = drain(tracker)
    assert notice.chat_id == OSCAR
    assert oscar.dialog.render_notification(notice).html == "Alice &lt;Acme&gt; added to #1:\nmore"


def test_usage_lines_for_bad_input(alice: Chat) -> None:
    assert alice.say("/status") == "Usage: /status N"
    assert alice.say("/status twelve") == "Usage: /status N"
    assert alice.say("/close") == "Usage: /close N [REASON]"
    assert alice.say("/reopen x") == "Usage: /reopen N [REASON]"


def test_unknown_commands_get_a_hint(alice: Chat) -> None:
    assert alice.say("/frobnicate") == "I don't know that command. Send /help to see what I can do."


def test_a_message_without_text_gets_a_polite_reply(alice: Chat) -> None:
    assert alice.say(None) == "I can only read text. Please type your question."  # type: ignore[arg-type]


def test_a_document_from_an_enterprise_is_declined(alice: Chat) -> None:
    assert (
        alice.upload("notes.md", b"## x")[0].html
        == "I can't take files here. Please type your question instead."
    )


def test_a_command_addressed_to_the_bot_works(alice: Chat) -> None:
    assert alice.say("/MINE@iprdesk_bot").startswith("You have no items.")


def test_in_a_group_plain_text_is_ignored_and_commands_work(alice: Chat) -> None:
    group = Chat(alice.dialog, ALICE, "Alice", chat_id=-42, chat_type="group")
    assert group.send("Who may record?") == []
    assert group.send(None) == []
    assert group.say("/mine").startswith("You have no items.")
