"""Plain text is a question: an answer with its sources, or a plain admission; "Ask an officer" logs it."""

from __future__ import annotations

from pathlib import Path

from bot.core.dialog import Dialog
from bot.core.state import RECENT_QUESTIONS
from bot.tracker.service import Tracker
from bot.tracker.values import ItemKind
from tests.core.conftest import ALICE, OSCAR, Chat, buttons_of, html_of, labels, notices_to
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices, real_tracker

RECORD = "Who may record a trademark with customs?"
UNKNOWN = "Can I import fireworks through Dalian?"


def test_an_answer_shows_title_text_legal_basis_and_source_with_its_buttons(alice: Chat) -> None:
    replies = alice.send(RECORD)
    assert len(replies) == 1
    html = replies[0].html
    assert html.startswith("<b>Who can record an IPR with customs?</b>")
    assert "Legal basis: Regulations Art. 7" in html
    assert "Source: http://www.customs.gov.cn/recordation" in html
    assert labels(replies) == [
        "How large is the guarantee for a…",
        "What is ex officio protection?",
        "A topic whose id is too long for…",
        "👍 Helpful",
        "👎 Not helpful",
        "Ask an officer",
    ]


def test_knowledge_text_is_escaped(alice: Chat) -> None:
    html = alice.say(RECORD)
    assert "Fees: &lt;none&gt; &amp; no stamp duty." in html


def test_an_unanswered_question_is_admitted_plainly_with_nearest_topics_and_an_officer(alice: Chat) -> None:
    replies = alice.send(UNKNOWN)
    assert replies[0].html.startswith("I'm not sure I have the answer to that.")
    assert labels(replies) == [
        "How large is the guarantee for a…",
        "What is ex officio protection?",
        "Ask an officer",
    ]


def test_a_question_in_chinese_is_answered_with_chinese_labels(alice: Chat) -> None:
    replies = alice.send("怎么办理海关备案？")
    assert "法律依据：条例第七条" in replies[0].html
    assert "转交关员" in labels(replies)


def test_ask_an_officer_logs_the_question_shown_with_the_button(alice: Chat, tracker: Tracker) -> None:
    first = alice.send(UNKNOWN)
    alice.send(RECORD)  # a later question must not replace the one the old button belongs to
    assert alice.press_label("Ask an officer", first)[0].html.startswith("Your question goes to an officer")
    assert alice.skip_intake()[0].html.startswith("Logged as #1.")
    item = tracker.my_items(actor_id=ALICE)[0]
    assert (item.kind, item.description, item.title) == (ItemKind.ESCALATION, UNKNOWN, UNKNOWN)


def test_pressing_ask_an_officer_twice_logs_once(alice: Chat, tracker: Tracker) -> None:
    replies = alice.send(UNKNOWN)
    alice.press_label("Ask an officer", replies)
    alice.skip_intake()
    assert alice.press_label("Ask an officer", replies)[0].html == "That question is already logged as #1."
    assert len(tracker.my_items(actor_id=ALICE)) == 1


def test_a_long_question_is_escalated_whole_under_a_short_title(alice: Chat, tracker: Tracker) -> None:
    question = "Why " + "really " * 60 + "is my shipment held?"
    alice.press_label("Ask an officer", alice.send(question))
    alice.skip_intake()
    item = tracker.my_items(actor_id=ALICE)[0]
    assert item.description == question and len(item.title) <= 100 and item.title.endswith("…")


def test_the_button_still_escalates_after_a_restart(tmp_path: Path) -> None:
    chat = Chat(Dialog(FakeServices(real_tracker(tmp_path))), ALICE)
    old = chat.send(UNKNOWN)
    restarted = FakeServices(real_tracker(tmp_path))  # a new process: new engine, new Dialog, same file
    chat.dialog = Dialog(restarted)
    chat.press_label("Ask an officer", old)
    assert chat.skip_intake()[0].html.startswith("Logged as #1.")
    assert restarted.tracker.my_items(actor_id=ALICE)[0].description == UNKNOWN


def test_a_button_older_than_the_remembered_questions_has_expired(alice: Chat) -> None:
    old = alice.send(UNKNOWN)
    for i in range(RECENT_QUESTIONS):
        alice.send(f"question {i}")
    assert alice.press_label("Ask an officer", old)[0].html == "That button has expired."


def test_user_html_in_a_question_comes_out_escaped(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.press_label("Ask an officer", alice.send("<b>bold</b> & <script>?"))
    alice.skip_intake()
    announcement = oscar.dialog.render_notification(notices_to(tracker, OFFICER_CHAT)[0])
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;?" in announcement.html
    assert "<b>bold" not in announcement.html and "<script>" not in announcement.html
    status = oscar.say("/status 1")
    assert "&lt;b&gt;bold&lt;/b&gt;" in status and "<script>" not in status


def test_helpful_thanks_and_not_helpful_points_to_an_officer(alice: Chat) -> None:
    replies = alice.send(RECORD)
    assert html_of(alice.press_label("👍", replies)) == "Thank you for the feedback."
    sorry = alice.press_label("👎", replies)
    assert sorry[0].html.startswith("Sorry it didn't help.")
    assert labels(sorry) == ["Ask an officer"]


def test_feedback_is_kept_per_entry_and_officers_see_the_least_helpful(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    replies = alice.send(RECORD)
    alice.press_label("👍", replies)
    alice.press_label("👎", replies)  # changed her mind: the last press counts
    shown = alice.press_label("What is ex officio", replies)
    alice.press_label("👎", shown)  # judges the entry shown under the same question
    oscar.press_label("👍", oscar.send(RECORD))
    assert [(f.entry_id, f.unhelpful, f.helpful) for f in tracker.least_helpful(actor_id=OSCAR)] == [
        ("ex-officio-route#what", 1, 0),
        ("recordation-apply#who", 1, 1),
    ]
    assert oscar.send("/stats")[0].html.endswith(
        "Answers marked not helpful (to improve in knowledge/): ex-officio-route#what 👎 1 👍 0; "
        "recordation-apply#who 👎 1 👍 1"
    )


def test_a_did_you_mean_button_shows_that_entry_and_keeps_the_way_to_an_officer(
    alice: Chat, tracker: Tracker
) -> None:
    shown = alice.press_label("What is ex officio", alice.send(RECORD))
    assert shown[0].html.startswith("<b>What is ex officio protection?</b>\n\nCustoms acts on its own.")
    alice.press_label("Ask an officer", shown)
    alice.skip_intake()
    assert tracker.my_items(actor_id=ALICE)[0].description == RECORD


def test_an_entry_with_a_long_id_opens_through_its_alias(alice: Chat) -> None:
    shown = alice.press_label("A topic whose id", alice.send(RECORD))
    assert "Some text." in shown[0].html


def test_an_entry_gone_from_the_knowledge_base_is_said_so(alice: Chat, services: FakeServices) -> None:
    replies = alice.send(RECORD)
    del services.retriever.entries["guarantees#amount"]
    assert alice.press_label("How large", replies)[0].html == "That entry is no longer in the knowledge base."


def test_add_to_an_open_item_attaches_the_question_as_a_follow_up(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Our goods are held at Dayaowan port")
    replies = alice.send(RECORD)
    picked = alice.press_label("Add to an open item", replies)  # asks first: nothing is added yet
    assert len(tracker.item_detail(actor_id=ALICE, item_id=1).history) == 1
    assert alice.press_label("#1 Our goods", picked)[0].html == f"Added to #1: “{RECORD}”"
    history = tracker.item_detail(actor_id=ALICE, item_id=1).history
    assert history[-1].text == RECORD


def test_no_add_to_button_without_an_open_item(alice: Chat) -> None:
    assert not [label for label in labels(alice.send(RECORD)) if label.startswith("Add to")]


def test_an_unknown_button_has_expired(alice: Chat) -> None:
    assert alice.press("v0:something-old")[0].html == "That button has expired."
    assert alice.press("take:not-a-number")[0].html == "That command is not available to you."
    assert alice.press("cat:1:no-such-category")[0].html == "That button has expired."


def test_buttons_carry_a_token_not_the_question(alice: Chat) -> None:
    alice.send("/problem held goods")  # so that "Add to #1" is there too
    replies = alice.send("record " + "x" * 500)
    assert len(buttons_of(replies)) == 7
    assert all(len(b.data.encode()) <= 64 and "xxxx" not in b.data for b in buttons_of(replies))


def test_knowledge_markdown_becomes_telegram_html_and_stays_escaped() -> None:
    from bot.core.render import markdown_html

    html = markdown_html("**Ex officio** <script>x</script>\n- first `/problem`\n* second")
    assert html == "<b>Ex officio</b> &lt;script&gt;x&lt;/script&gt;\n• first <code>/problem</code>\n• second"
