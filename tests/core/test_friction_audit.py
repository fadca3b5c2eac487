"""Issue 19's leftovers found by the audit: the queue's ages, the holder told of a reopen, text typed at the
duplicate question, an over-long resolution or reason, and thanks; each in both languages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.render import queue_lines
from bot.tracker.service import Tracker
from bot.tracker.values import Status
from tests.core.conftest import ALICE, OLGA, OSCAR, Chat, drain, html_of, labels
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
