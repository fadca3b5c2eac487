""""Ask an officer" walks through the structured intake of /problem with the question as its description, and
its summary logs an escalation; files sent while an intake is under way go on the item logged."""

from __future__ import annotations

from bot.core.dialog import Dialog
from bot.core.messages import Incoming, Reply, SentFile
from bot.tracker.service import Tracker
from bot.tracker.values import ItemKind, NoticeKind
from tests.core.conftest import ALICE, OSCAR, Chat, html_of, labels, notices_to
from tests.fakes.fake_services import OFFICER_CHAT

QUESTION = "Can I import fireworks through Dalian?"  # the fake engine is not sure: "Ask an officer" is offered
QUESTION_ZH = "怎么进口烟花？"


def send_file(chat: Chat, sent: SentFile) -> list[Reply]:
    """A photo or document as the channel hands it over (by its Telegram file id)."""
    incoming = Incoming(
        user_id=chat.user_id, chat_id=chat.user_id, user_name=chat.name, language_code=chat.language_code,
        file=sent,
    )
    chat.last = chat.dialog.handle(incoming)
    return chat.last


def test_an_escalation_with_every_field_shows_the_guarantee_and_logs_the_question_whole(
    alice: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    asked = alice.send(QUESTION)
    started = alice.press_label("Ask an officer", asked)[0].html
    assert started.startswith("Your question goes to an officer as you asked it.")
    assert "Which right is it about?" in started and "Skip ›" in labels(alice.last)
    assert tracker.my_items(actor_id=ALICE) == []  # nothing is logged before the summary is confirmed
    alice.press_label("Trademark")
    assert alice.say("t2019 12345").startswith("Which port")
    alice.send("Dalian Dayaowan")
    alice.send("Fireworks, 300 cartons")
    alice.press_label("Import")
    alice.send("RMB 300,000")
    summary = html_of(alice.press_label("Customs found the goods"))
    assert summary.startswith("<b>Your question, before it goes to an officer</b>\nQuestion: " + QUESTION)
    for shown in ("Right: Trademark", "Recordation no.: T2019-12345", "Port: Dalian Dayaowan",
                  "Goods: Fireworks, 300 cartons", "Import/export: Import", "Declared value (RMB): 300,000",
                  "Route: Customs found the goods"):
        assert shown in summary
    assert "Category:" not in summary  # asked once it is logged, as before the intake
    assert "Guarantee the rules give for this value and route: <b>RMB 100,000</b> (Measures Art. 23)" in summary
    logged = alice.press_label("Log it")
    assert logged[0].html == (
        "Logged as #1. An officer will answer here; /status 1 shows where it stands.\nWhich category fits it best?"
    )
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.kind, item.description) == (ItemKind.ESCALATION, QUESTION)
    assert (item.intake.recordation_no, item.intake.port, item.intake.goods, item.intake.declared_value) == (
        "T2019-12345", "Dalian Dayaowan", "Fireworks, 300 cartons", "300000"
    )
    [announced] = [dialog.render_notification(n) for n in notices_to(tracker, OFFICER_CHAT)]
    assert "question for an officer" in announced.html and "Port: Dalian Dayaowan" in announced.html
    assert "RMB 100,000" in announced.html
    assert alice.press_label("Customs recordation", logged)[0].html == "#1 is filed under “Customs recordation”."
    assert alice.press_label("Ask an officer", asked)[0].html == "That question is already logged as #1."


def test_an_escalation_in_chinese_with_every_field(dialog: Dialog, tracker: Tracker) -> None:
    li = Chat(dialog, ALICE, "Li", language_code="zh-hans")
    li.send(QUESTION_ZH)
    assert li.press_label("转交关员")[0].html.startswith("您的问题将按原文转交关员。")
    li.press_label("商标")
    li.send("T2019-12345")
    li.send("大连大窑湾")
    li.send("烟花 300 箱")
    li.press_label("进口")
    li.send("30万")
    summary = html_of(li.press_label("海关发现"))
    assert summary.startswith("<b>转交关员前请确认</b>\n问题：" + QUESTION_ZH)
    for shown in ("权利类型：商标", "备案号：T2019-12345", "口岸：大连大窑湾", "进出口：进口",
                  "申报价值（人民币）：300,000", "途径：海关发现（依职权）"):
        assert shown in summary
    assert "规定的担保金额：<b>人民币100,000元</b>" in summary
    assert li.press_label("确认登记")[0].html.startswith("已登记为 #1")
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.kind, item.description, item.intake.port) == (ItemKind.ESCALATION, QUESTION_ZH, "大连大窑湾")


def test_an_escalation_with_every_step_skipped_logs_the_question_alone(alice: Chat, tracker: Tracker) -> None:
    alice.press_label("Ask an officer", alice.send(QUESTION))
    for _ in range(7):
        alice.press_label("Skip")
    summary = alice.last[0].html
    assert "Question: " + QUESTION in summary and "Right: —" in summary and "Route: —" in summary
    assert "Guarantee" not in summary
    assert alice.press_label("Log it")[0].html.startswith("Logged as #1.")
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.kind, item.description, item.title) == (ItemKind.ESCALATION, QUESTION, QUESTION)
    assert item.intake.empty


def test_an_escalation_with_every_step_skipped_in_chinese(dialog: Dialog, tracker: Tracker) -> None:
    li = Chat(dialog, ALICE, "Li", language_code="zh-hans")
    li.press_label("转交关员", li.send(QUESTION_ZH))
    for _ in range(7):
        li.press_label("跳过")
    assert "权利类型：—" in li.last[0].html and "担保" not in li.last[0].html
    li.press_label("确认登记")
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.kind, item.description) == (ItemKind.ESCALATION, QUESTION_ZH) and item.intake.empty


def test_cancelling_the_escalations_intake_logs_nothing_and_the_button_still_works(
    alice: Chat, tracker: Tracker
) -> None:
    asked = alice.send(QUESTION)
    alice.press_label("Ask an officer", asked)
    for _ in range(7):
        alice.press_label("Skip")
    assert alice.press_label("Cancel")[0].html == "Cancelled."
    assert tracker.my_items(actor_id=ALICE) == []
    alice.press_label("Ask an officer", asked)
    assert alice.skip_intake()[0].html.startswith("Logged as #1.")


def test_a_photo_sent_during_the_escalations_intake_is_attached_to_the_item_logged(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.press_label("Ask an officer", alice.send(QUESTION))
    alice.press_label("Skip")
    held = send_file(alice, SentFile("photo", "ph-label", size=80_000))
    assert held[0].html == "📎 photo is kept; it is attached to the item when you log it (the officer gets it then)."
    assert held[1].html.startswith("The customs recordation number") and labels(held) == ["Skip ›"]  # asked again
    assert alice.press_label("Skip")[0].html == "Which port or customs district?"  # on where it was
    for _ in range(5):
        alice.press_label("Skip")
    logged = alice.press_label("Log it")[0].html
    assert "📎 Attached to #1: photo." in logged
    [kept] = tracker.attachments(actor_id=ALICE, item_id=1)
    assert (kept.file_id, kept.item_id) == ("ph-label", 1)
    notices = notices_to(tracker, OFFICER_CHAT)
    assert [n.kind for n in notices] == [NoticeKind.ITEM_CREATED, NoticeKind.ATTACHMENT]
    assert notices[1].payload["file_id"] == "ph-label"
    assert [f.file_id for f in tracker.attachments(actor_id=OSCAR, item_id=1)] == ["ph-label"]


def test_a_pdf_sent_during_a_problems_intake_in_chinese_is_attached_when_it_is_logged(
    dialog: Dialog, tracker: Tracker
) -> None:
    li = Chat(dialog, ALICE, "Li", language_code="zh-hans")
    li.send("/problem")
    li.press_label("侵权线索")
    li.send("大连口岸发现假冒轴承")
    pdf = SentFile("document", "doc-invoice", "invoice.pdf", "application/pdf", 120_000)
    held = send_file(li, pdf)
    assert held[0].html == "📎 invoice.pdf 已保存；登记后将附加到该事项，关员届时会收到。"
    assert held[1].html.startswith("涉及哪类知识产权？")
    assert tracker.my_items(actor_id=ALICE) == []
    for _ in range(7):
        li.press_label("跳过")
    assert "📎 已附加到 #1：invoice.pdf。" in li.press_label("确认登记")[0].html
    assert [(f.file_id, f.item_id) for f in tracker.attachments(actor_id=ALICE, item_id=1)] == [("doc-invoice", 1)]


def test_a_file_held_for_a_problem_goes_to_the_item_it_is_added_to_instead(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Counterfeit SKF bearings held at Dalian port")
    offered = alice.send("/problem Counterfeit SKF bearings at Dalian port again")
    assert labels(offered) == ["Add to #1", "Log as new"]
    send_file(alice, SentFile("photo", "ph-again", size=1_000))
    assert "📎 Attached to #1: photo." in alice.press_label("Add to #1", offered)[0].html
    assert [f.file_id for f in tracker.attachments(actor_id=ALICE, item_id=1)] == ["ph-again"]
    assert len(tracker.my_items(actor_id=ALICE)) == 1


def test_at_most_ten_files_wait_for_one_intake(alice: Chat, tracker: Tracker) -> None:
    alice.press_label("Ask an officer", alice.send(QUESTION))
    for n in range(10):
        assert send_file(alice, SentFile("photo", f"ph{n}"))[0].html.startswith("📎 photo is kept")
    assert send_file(alice, SentFile("photo", "ph10"))[0].html == (
        "10 files already wait for this item. Log it first, then send more."
    )
    alice.skip_intake()
    assert [f.file_id for f in tracker.attachments(actor_id=ALICE, item_id=1)] == [f"ph{n}" for n in range(10)]
