"""Issue 19's leftovers found by the audit: the queue's ages, the holder told of a reopen, text typed at the
duplicate question, an over-long resolution or reason, and thanks; text typed at the intake's summary, a file sent
at the duplicate question and thanks during the intake; a choice typed at an intake step, thanks at /problem's
category and text steps; each in both languages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.messages import SentFile
from bot.core.render import queue_lines
from bot.tracker.service import Tracker
from bot.tracker.values import CaseRoute, Direction, RightKind, Status
from tests.core.conftest import ALICE, BOB, OLGA, OSCAR, Chat, drain, html_of, labels
from tests.core.test_escalation_intake import QUESTION, send_file
from tests.fakes.fake_services import FakeServices

# 3. Clear ownership: every queue line names the holder and the age


def test_every_queue_line_shows_its_holder_and_its_age(
    alice: Chat, oscar: Chat, olga: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    alice.send("/problem Fake labels")
    oscar.send("/take 2")
    queue = olga.say("/queue")
    assert queue.count("⏰ first response due ") == 2  # the due time stays
    assert " · open · 0 min old · Other · Alice &lt;Acme&gt;: Held goods" in queue
    assert " · in progress, with Oscar · 0 min old · Other · Alice &lt;Acme&gt;: Fake labels" in queue
    olga.send("/lang zh")
    assert " · 处理中（Oscar） · 已登记 0 分钟 · 其他 · Alice &lt;Acme&gt;：Fake labels" in olga.say("/queue")
    items = tracker.queue(actor_id=OLGA)
    later = items[0].created_at + timedelta(days=2, hours=3, minutes=5)
    assert all(" · 2 d 3 h old · " in line for line in queue_lines(items, "en", later))
    assert all(" · 已登记 2 天 3 小时 · " in line for line in queue_lines(items, "zh", later))
    held = next(item for item in items if item.id == 2)
    undated = replace(held, next_due_at=None)  # an item from before due times: its age, said once
    assert queue_lines([undated], "en", later) == [
        "#2 · in progress, with Oscar · 2 d 3 h old · Other · Alice &lt;Acme&gt;: Fake labels"
    ]


# 2. Reopening tells whoever works the item


def test_an_officer_reopening_anothers_item_tells_the_holder(
    alice: Chat, oscar: Chat, olga: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Released")
    drain(tracker)
    assert olga.say("/reopen 1 Still held") == (
        "#1 is in progress again, with Oscar; the enterprise and Oscar are told."
    )
    notices = drain(tracker)
    assert sorted(n.chat_id for n in notices) == sorted([ALICE, OSCAR])
    (to_oscar,) = [n for n in notices if n.chat_id == OSCAR]
    told = oscar.dialog.render_notification(to_oscar)
    assert told.html == "#1 was reopened by officer Olga: Still held"
    assert labels([told]) == ["Open #1"]  # the one view, one press away
    zh = oscar.dialog.render_notification(replace(to_oscar, lang="zh"))
    assert zh.html == "#1 已由关员 Olga 重新打开：Still held"
    oscar.send("/close 1 Released again")
    drain(tracker)
    olga.send("/lang zh")
    assert olga.say("/reopen 1 仍未放行") == "#1 已重新转为处理中，由 Oscar 负责；已通知企业和 Oscar。"
    oscar.send("/close 1 Released at last")
    drain(tracker)
    oscar.send("/reopen 1 My mistake")  # the holder reopening its own item hears nothing of it
    assert [n.chat_id for n in drain(tracker)] == [ALICE]


# 8. The duplicate question: text typed there is kept, and the question stays


def test_text_typed_at_the_duplicate_question_is_kept_and_the_question_stays(
    alice: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Counterfeit SKF bearings held at Dalian port")
    alice.send("/problem Counterfeit SKF bearings at Dalian port again")
    replies = alice.send("Container MSKU1234567")
    assert html_of(replies) == (
        "Kept with the text to be logged. Add it all to #1, or log it as a new item?"
    )  # not the intake's summary, which a quick /problem never showed
    assert labels(replies) == ["Add to #1", "Log as new"]
    assert alice.say("7").startswith("There is no choice numbered 7 here")  # a number is not added to the text
    alice.press_label("Log as new", replies)
    new = tracker.item_detail(actor_id=ALICE, item_id=2)
    texts = [new.item.description, *(e.text for e in new.history if e.text)]
    assert "\n".join(texts) == "Counterfeit SKF bearings at Dalian port again\nContainer MSKU1234567"
    alice.send("/lang zh")
    alice.send("/problem Counterfeit SKF bearings held at Dalian port, once more")
    replies = alice.send("柜号 TGHU7654321")
    assert replies[0].html.startswith("已并入待登记的内容。请选择：全部补充到 #")
    assert labels(replies)[1] == "作为新事项登记"
    added_to = int(labels(replies)[0].removeprefix("补充到 #"))
    alice.press_label("补充到", replies)
    history = tracker.item_detail(actor_id=ALICE, item_id=added_to).history
    assert history[-1].text == "Counterfeit SKF bearings held at Dalian port, once more\n柜号 TGHU7654321"


# 10. Long messages are not lost: a resolution or reason over the limit keeps its step


def test_a_resolution_over_the_limit_keeps_the_step(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1")
    long = ("Released after the guarantee was paid. " * 110).strip()  # 4,289 characters
    assert oscar.say(long) == (
        "That is 4289 characters; the resolution of #1 can hold at most 4000. Shorten it and send it again, "
        "or /cancel."
    )
    assert tracker.item_detail(actor_id=OSCAR, item_id=1).item.status != Status.RESOLVED
    assert oscar.say("Released after the guarantee was paid.") == "#1 is resolved; the enterprise is told."
    oscar.send("/lang zh")
    assert oscar.say("/close 1 " + long) == "#1 当前已办结，暂时不能执行该操作。"
    alice.send("/problem Fake labels")
    assert oscar.say("/close 2 " + long).startswith("内容共 4289 个字，#2 的办结意见最多 4000 个字。")
    assert oscar.say("已放行。") == "#2 已办结，已通知企业。"  # the command's text too: the step waits for it


def test_a_reason_over_the_limit_keeps_the_step(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Released")
    alice.send("/lang zh")
    alice.send("/reopen 1")
    assert alice.say("货物仍被扣留。" * 600) == (
        "内容共 4200 个字，重新打开 #1 的原因最多 4000 个字。请精简后重新发送，或发送 /cancel。"
    )
    assert tracker.item_detail(actor_id=ALICE, item_id=1).item.status == Status.RESOLVED
    assert alice.say("货物仍被扣留。") == "#1 已重新转为处理中，由 Oscar 负责，已通知其本人。"


def test_a_reason_over_the_limit_typed_with_the_command_keeps_the_step(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Released")
    long = ("The goods are still held at the port. " * 110).strip()
    assert alice.say("/reopen 1 " + long).startswith("That is 4179 characters; the reason")
    assert tracker.item_detail(actor_id=ALICE, item_id=1).item.status == Status.RESOLVED
    assert "#1" in alice.say("Still held.") and tracker.item_detail(
        actor_id=ALICE, item_id=1).item.status != Status.RESOLVED
    oscar.send("/close 1 Released again")
    assert oscar.say("/reopen 1 " + long).startswith("That is 4179 characters; the reason")
    assert tracker.item_detail(actor_id=OSCAR, item_id=1).item.status == Status.RESOLVED


# 7. Thanks are not a greeting


def test_thanks_get_youre_welcome(alice: Chat, services: FakeServices) -> None:
    for thanks in ("thanks", "Thank you!", "thank you very much", "Thanks a lot", "thx"):
        assert alice.say(thanks).startswith("You're welcome!"), thanks
    assert alice.say("Hello!").startswith("Hello!")
    chinese = Chat(alice.dialog, 5_000_000_010, "王", language_code="zh")
    for thanks in ("谢谢", "谢谢！", "多谢", "非常感谢"):
        assert chinese.say(thanks).startswith("不客气！"), thanks
    assert services.retriever.asked == []


# 6. Nothing typed during the intake is lost: text at the summary joins the text to be logged


def test_text_typed_at_the_intakes_summary_is_added_and_the_summary_shown_again(
    alice: Chat, tracker: Tracker
) -> None:
    alice.send("/problem")
    alice.press_label("Infringement clue")
    alice.send("Fake bearings with our mark at Dalian")
    for _ in range(7):
        alice.press_label("Skip")
    replies = alice.send("Container MSKU1234567")
    assert replies[0].html.startswith("Added to the problem's text.\n\n<b>Your problem, before it is logged</b>")
    assert "Problem: Fake bearings with our mark at Dalian Container MSKU1234567" in replies[0].html
    assert labels(replies) == ["✅ Log it", "✏️ Edit a field", "Cancel"]
    number = alice.send("7")
    assert number[0].html.startswith("There is no choice numbered 7 here")  # a number is not added to the text
    assert labels(number) == ["✅ Log it", "✏️ Edit a field", "Cancel"]
    assert alice.press_label("Log it")[0].html.startswith("Logged as #1")
    [item] = tracker.my_items(actor_id=ALICE)
    assert item.description == "Fake bearings with our mark at Dalian\nContainer MSKU1234567"
    alice.send("/lang zh")
    alice.send("/problem")
    alice.press_label("侵权线索")
    alice.send("深圳口岸发现假冒手表")
    for _ in range(7):
        alice.press_label("跳过")
    replies = alice.send("共 300 只")
    assert replies[0].html.startswith("已补充到问题描述中。\n\n<b>登记前请确认</b>")
    assert "问题：深圳口岸发现假冒手表 共 300 只" in replies[0].html
    alice.press_label("确认登记")
    assert tracker.item_detail(actor_id=ALICE, item_id=2).item.description == "深圳口岸发现假冒手表\n共 300 只"


def test_text_typed_at_an_escalations_summary_goes_to_the_officer_with_the_question(
    alice: Chat, tracker: Tracker
) -> None:
    alice.press_label("Ask an officer", alice.send(QUESTION))
    for _ in range(7):
        alice.press_label("Skip")
    replies = alice.send("The goods are fireworks for a festival.")
    assert replies[0].html.startswith(
        "Added to your question; it goes to the officer with it.\n\n<b>Your question, before it goes to an officer"
    )
    assert labels(replies) == ["✅ Log it", "✏️ Edit a field", "Cancel"]
    assert alice.press_label("Log it")[0].html.startswith("Logged as #1.")
    detail = tracker.item_detail(actor_id=ALICE, item_id=1)
    assert detail.item.description == QUESTION  # the question as asked, and then what was added
    assert [e.text for e in detail.history if e.text][-1] == "The goods are fireworks for a festival."
    li = Chat(alice.dialog, BOB, "Li", language_code="zh-hans")
    li.press_label("转交关员", li.send("怎么进口烟花？"))
    for _ in range(7):
        li.press_label("跳过")
    assert li.send("货物是节日用的烟花。")[0].html.startswith("已补充到您的问题中，将一并转交关员。")
    li.press_label("确认登记")
    [logged] = tracker.my_items(actor_id=BOB)
    history = tracker.item_detail(actor_id=BOB, item_id=logged.id).history
    assert [e.text for e in history if e.text][-1] == "货物是节日用的烟花。"


# 8. A file sent at the duplicate question is kept, and the question comes again with its buttons


def test_a_file_sent_at_the_duplicate_question_is_kept_and_the_question_asked_again(
    alice: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Counterfeit SKF bearings held at Dalian port")
    alice.send("/problem Counterfeit SKF bearings at Dalian port again")
    held = send_file(alice, SentFile("photo", "ph-dup", size=1_000))
    assert held[0].html.startswith("📎 photo is kept")
    assert held[1].html == "Add it to #1, or log it as a new item?"
    assert labels(held) == ["Add to #1", "Log as new"]
    assert "📎 Attached to #2: photo." in alice.press_label("Log as new", held)[0].html
    assert [f.file_id for f in tracker.attachments(actor_id=ALICE, item_id=2)] == ["ph-dup"]
    alice.send("/lang zh")
    alice.send("/problem Counterfeit SKF bearings held at Dalian port, once more")
    pdf = SentFile("document", "doc-dup", "invoice.pdf", "application/pdf", 120_000)
    held = send_file(alice, pdf)
    assert held[0].html.startswith("📎 invoice.pdf 已保存")
    assert held[1].html.startswith("请选择：补充到 #") and held[1].html.endswith("，或作为新事项登记。")
    added_to = int(labels(held)[0].removeprefix("补充到 #"))
    alice.press_label("补充到", held)
    assert "doc-dup" in [f.file_id for f in tracker.attachments(actor_id=ALICE, item_id=added_to)]


# 7. Thanks during the intake are not the step's answer


def test_thanks_during_the_intake_are_answered_and_the_step_asked_again(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.send("/problem")
    alice.press_label("Infringement clue")
    alice.send("Fake bearings with our mark at Dalian")
    for _ in range(3):
        alice.press_label("Skip")
    replies = alice.send("Thanks!")
    assert replies[0].html == "You're welcome!\n\nThe goods: what they are, brand, quantity, how they look:"
    assert labels(replies) == ["Skip ›"]
    alice.send("SKF bearings, 200 boxes")
    alice.press_label("Skip")
    alice.press_label("Skip")
    alice.press_label("Skip")
    at_summary = alice.send("thank you")
    assert at_summary[0].html.startswith("You're welcome!\n\n<b>Your problem, before it is logged</b>")
    assert "thank you" not in at_summary[0].html
    assert labels(at_summary) == ["✅ Log it", "✏️ Edit a field", "Cancel"]
    alice.press_label("Log it")
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.intake.goods, item.description) == (
        "SKF bearings, 200 boxes", "Fake bearings with our mark at Dalian"
    )
    oscar.send("/reply 1")
    assert oscar.say("Thanks").startswith("Reply on #1 sent to the enterprise.")  # an officer's reply is the reply
    alice.send("/problem Counterfeit SKF bearings again at Dalian, with our mark")
    assert alice.send("thx")[0].html.startswith("You're welcome!\n\nAdd it to #1, or log it as a new item?")
    alice.send("/cancel")
    li = Chat(alice.dialog, BOB, "Li", language_code="zh-hans")
    li.send("/problem")
    li.press_label("侵权线索")
    li.send("深圳口岸发现假冒手表")
    replies = li.send("谢谢")  # at a choice step: the buttons stay
    assert replies[0].html == "不客气！\n\n涉及哪类知识产权？（每一步都可跳过）" and "跳过 ›" in labels(replies)
    li.press_label("跳过")
    assert li.send("谢谢")[0].html.startswith("不客气！\n\n如已办理海关备案，请输入备案号")  # not a bad number
    assert li.send("T2019-12345")[0].html == "哪个口岸或海关关区？"
    assert li.send("非常感谢！")[0].html == "不客气！\n\n哪个口岸或海关关区？"  # not the port
    assert li.send("大连")[0].html.startswith("涉及的货物")


# 6. Text typed at an intake choice step is read as the choice it plainly names


def _at_the_right_step(chat: Chat, category: str, description: str) -> None:
    chat.send("/problem")
    chat.press_label(category)
    chat.send(description)


def test_a_choice_typed_at_an_intake_step_is_taken_as_its_button(alice: Chat, tracker: Tracker) -> None:
    _at_the_right_step(alice, "Infringement clue", "Fake bearings with our mark at Dalian")
    replies = alice.send("It is a Trademark")
    assert replies[0].html.startswith("The customs recordation number")  # the next step, as after the press
    alice.press_label("Skip")
    alice.press_label("Skip")
    alice.press_label("Skip")
    assert alice.send("EXPORT")[0].html.startswith("The declared value")
    alice.press_label("Skip")
    summary = alice.send("customs found it")
    assert "Right: Trademark" in summary[0].html and "Import/export: Export" in summary[0].html
    assert "Route: Customs found the goods" in summary[0].html
    alice.press_label("Log it")
    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.intake.right_kind, item.intake.direction, item.intake.route) == (
        RightKind.TRADEMARK, Direction.EXPORT, CaseRoute.EX_OFFICIO
    )
    assert item.description == "Fake bearings with our mark at Dalian"  # the choice is not text
    alice.send("/lang zh")
    _at_the_right_step(alice, "侵权线索", "深圳口岸发现假冒手表")
    assert alice.send("专利")[0].html.startswith("如已办理海关备案")
    for _ in range(3):
        alice.press_label("跳过")
    assert alice.send("进口")[0].html.startswith("货物申报价值")
    alice.press_label("跳过")
    assert "途径：我们申请扣留（依申请）" in alice.send("依申请")[0].html
    alice.press_label("确认登记")
    logged = tracker.item_detail(actor_id=ALICE, item_id=2).item
    assert (logged.intake.right_kind, logged.intake.direction, logged.intake.route) == (
        RightKind.PATENT, Direction.IMPORT, CaseRoute.APPLICATION
    )


def test_a_choice_typed_at_an_intake_step_that_names_none_or_two_asks_again(alice: Chat) -> None:
    _at_the_right_step(alice, "Infringement clue", "Fake bearings with our mark at Dalian")
    for typed in ("bearings", "trademark or patent", "patently fake"):
        replies = alice.send(typed)
        assert replies[0].html.startswith("I could not tell which choice you meant: press one of these.\n\n"
                                          "Which right is it about?"), typed
        assert "Trademark" in labels(replies) and "Skip ›" in labels(replies)
    number = alice.send("9")
    assert number[0].html.startswith("There is no choice numbered 9 here")
    assert "Trademark" in labels(number) and "Skip ›" in labels(number)
    assert alice.send("copyright")[0].html.startswith("The customs recordation number")
    li = Chat(alice.dialog, BOB, "Li", language_code="zh-hans")
    _at_the_right_step(li, "侵权线索", "深圳口岸发现假冒手表")
    replies = li.send("商标和专利都有")
    assert replies[0].html.startswith("未能识别您选择的是哪一项，请点击下方按钮之一。\n\n涉及哪类知识产权？")
    assert "商标" in labels(replies)
    assert li.send("著作权")[0].html.startswith("如已办理海关备案")


# 7. Thanks at the /problem walk-through's category and text steps log nothing


def test_thanks_at_the_problems_category_and_text_steps_log_nothing(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    at_category = alice.send("Thanks!")
    assert at_category[0].html == "You're welcome!\n\nWhat is the problem about?"
    assert "Infringement clue" in labels(at_category)
    alice.press_label("Infringement clue", at_category)
    at_text = alice.send("thank you")
    assert at_text[0].html == "You're welcome!\n\nDescribe the problem in one message. /cancel stops."
    assert tracker.my_items(actor_id=ALICE) == []
    assert alice.send("Fake bearings at Dalian")[0].html.startswith("Which right is it about?")
    li = Chat(alice.dialog, BOB, "Li", language_code="zh-hans")
    li.send("/problem")
    at_category = li.send("谢谢")
    assert at_category[0].html == "不客气！\n\n您的问题属于哪一类？" and "侵权线索" in labels(at_category)
    li.press_label("侵权线索", at_category)
    assert li.send("谢谢！")[0].html == "不客气！\n\n请用一条消息描述您的问题。发送 /cancel 可取消。"
    assert tracker.my_items(actor_id=BOB) == []
