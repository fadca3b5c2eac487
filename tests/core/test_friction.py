"""Issue 19, point by point: what officers, enterprises and admins stumbled on, each in both languages."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core.dialog import Dialog
from bot.retrieval.answers import Answer
from bot.tracker.service import Tracker
from bot.tracker.values import EventKind, ItemKind, Role, Status
from tests.core.conftest import ADA, ALICE, OLGA, OSCAR, Chat, drain, html_of, labels, notices_to
from tests.fakes.fake_services import OFFICER_CHAT, FakeRetriever, FakeServices

UNKNOWN = "Can I import fireworks through Dalian?"
RECORD = "Who may record a trademark with customs?"


def escalate(chat: Chat, question: str) -> None:
    chat.press_label("Ask an officer", chat.send(question))
    chat.skip_intake()


# 1. One view with everything needed to answer


def test_status_shows_an_officer_the_one_view_of_an_escalation(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods at Dayaowan")
    escalate(alice, UNKNOWN)
    replies = oscar.send("/status 2")
    html = html_of(replies)
    assert html.startswith("<b>#2 Can I import fireworks through Dalian?</b>\nquestion for an officer · Other · open")
    assert f"From: Alice &lt;Acme&gt; (user {ALICE})" in html
    assert "Logged 0 min ago" in html and "Nobody holds it yet." in html
    assert "Their other open items: #1 Held goods at Dayaowan" in html
    assert (
        "The bot did not answer (confidence 0.20). Nearest topics: How large is the guarantee for a detention?; "
        "What is ex officio protection?" in html
    )
    assert f"<b>What they wrote</b>\n{UNKNOWN}" in html
    assert labels(replies) == ["Take #2", "Reply", "Close", "Reassign"]
    taken = html_of(oscar.press_label("Take #2", replies))
    assert taken.startswith("You took #2. Type your reply to the enterprise now")
    assert "Held by Oscar since " in taken and "(0 min)" in taken
    assert labels(oscar.last) == ["Reply", "Close", "Reassign"]  # no Take for the holder


def test_the_one_view_says_what_the_bot_answered_and_keeps_a_long_text_whole(alice: Chat, oscar: Chat) -> None:
    escalate(alice, RECORD + " " + "details " * 400)
    oscar.send("/lang zh")
    html = oscar.say("/status 1")
    assert "机器人曾以“Who can record an IPR with customs?”作答（置信度 0.90），用户仍请关员解答。" in html
    assert "该企业没有其他未办结事项。" in html and "尚无人受理。" in html
    assert ("details " * 400).strip() in html  # the enterprise's text whole, not cut at 1,750 characters


def test_an_enterprise_still_gets_its_own_view(alice: Chat) -> None:
    alice.send("/problem Held goods")
    replies = alice.send("/status 1")
    assert "Nobody holds it" not in html_of(replies) and labels(replies) == ["Add a message"]


# 2. A guided path to clear an item


def test_reply_and_close_without_text_ask_for_it_and_close_with_this_closes_in_one_press(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    assert oscar.say("/reply 1") == (
        "Send your reply to #1; the enterprise receives it as you write it. /cancel stops."
    )
    replied = oscar.send("Please send the invoice.")
    assert html_of(replied) == "Reply on #1 sent to the enterprise. Close with this as the resolution?"
    drain(tracker)
    assert oscar.press_label("Close #1 with this", replied)[0].html == "#1 is resolved; the enterprise is told."
    (closed,) = notices_to(tracker, ALICE)
    assert closed.payload["resolution"] == "Please send the invoice."
    alice.send("/problem Another")
    oscar.send("/lang zh")
    assert oscar.say("/close 2") == "请发送 #2 的办结意见，企业将收到。发送 /cancel 可取消。"
    assert oscar.say("已核实放行。") == "#2 已办结，已通知企业。"


def test_close_with_this_after_the_enterprise_added_something_is_refused(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    replied = oscar.send("/reply 1 Send the invoice")
    alice.send("/followup 1 Here it is")
    assert oscar.press_label("Close #1 with this", replied)[0].html.startswith("That can't be done on #1 now")


def test_reopen_keeps_the_reason_and_the_enterprise_reads_it(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Released")
    drain(tracker)
    assert oscar.say("/reopen 1").startswith("Why reopen #1?")
    oscar.send("The release was cancelled")
    (notice,) = notices_to(tracker, ALICE)
    assert oscar.dialog.render_notification(notice).html == "#1 was reopened: The release was cancelled"
    alice.send("/lang zh")
    assert "状态改为处理中：The release was cancelled" in alice.say("/status 1")
    zh = oscar.dialog.render_notification(replace(notice, lang="zh"))
    assert zh.html == "#1 已重新打开：The release was cancelled"


def test_a_text_the_item_cannot_take_is_refused_before_it_is_typed(
    alice: Chat, oscar: Chat, olga: Chat
) -> None:
    alice.send("/problem Held goods")
    oscar.send("/take 1")
    held = "#1 is held by Oscar. Ask them, or hand it over with /reassign 1 USER_ID."
    assert olga.say("/reply 1") == held  # not "Send your reply…", then refused once the reply is typed
    assert olga.press_label("Close", oscar.send("/status 1"))[0].html == held
    assert olga.say("/reopen 1") == "#1 is in progress, so that can't be done now."
    assert olga.say("/cancel") == "There is nothing to cancel."  # no step was entered
    oscar.send("/close 1 Released")
    assert oscar.say("/reply 1") == "#1 is resolved, so that can't be done now."
    alice.send("/lang zh")
    assert alice.say("/followup 1") == "#1 当前已办结，暂时不能执行该操作。"
    assert alice.say("/cancel") == "当前没有需要取消的操作。"


def test_an_officers_reopen_says_who_holds_it_and_who_is_told(alice: Chat, oscar: Chat, olga: Chat) -> None:
    alice.send("/problem Held goods")
    oscar.send("/close 1 Released")
    assert oscar.say("/reopen 1 Still held") == "#1 is in progress again, with you; the enterprise is told."
    oscar.send("/close 1 Released again")
    assert olga.say("/reopen 1 Still held") == (
        "#1 is in progress again, with Oscar; the enterprise and Oscar are told."
    )  # what Oscar reads: tests/core/test_friction_audit.py
    oscar.send("/close 1 Released at last")
    olga.send("/lang zh")
    assert olga.say("/reopen 1 仍未放行") == "#1 已重新转为处理中，由 Oscar 负责；已通知企业和 Oscar。"


# 3. Clear ownership


def test_an_officers_mine_lists_what_they_hold_and_the_queue_names_holders(
    alice: Chat, oscar: Chat, olga: Chat
) -> None:
    assert oscar.say("/mine") == "You hold no items. /queue shows what is waiting."
    alice.send("/problem Held goods")
    alice.send("/problem Fake labels")
    oscar.send("/take 2")
    replies = oscar.send("/mine")
    assert replies[0].html == "<b>Items you hold</b>\n#2 · 0 min · Alice &lt;Acme&gt;: Fake labels"
    assert labels(replies) == ["Open #2"]
    queue = olga.say("/queue")
    assert " · open · 0 min old · Other" in queue  # and the due times
    assert " · in progress, with Oscar · 0 min old · Other" in queue
    olga.send("/lang zh")
    assert " · 处理中（Oscar） · 已登记 0 分钟 · 其他 ·" in olga.say("/queue")
    assert olga.say("/mine") == "您目前没有负责的事项。发送 /queue 查看待办清单。"


# 4. Honest figures: the labels people see (the figures themselves: tests/core/test_officer.py, both languages)


def test_queue_usage_names_the_categories_as_people_see_them(oscar: Chat) -> None:
    oscar.send("/lang zh")
    assert oscar.say("/queue 天气") == (
        "用法：/queue [类别]，可选类别：海关备案, 异地口岸, 侵权线索, 风险分析, 扣留与担保, 其他"
    )
    assert oscar.say("/queue 异地口岸") == "没有待办事项，清单已清零。"  # the label is accepted as typed


# 5. Status words that match


def test_reopen_says_the_status_the_item_really_has(alice: Chat, oscar: Chat) -> None:
    alice.send("/problem Held goods")
    alice.send("/close 1")
    assert alice.say("/reopen 1 still held") == "#1 is open again, back in the queue."
    oscar.send("/close 1 Released")
    alice.send("/lang zh")
    assert alice.say("/reopen 1 仍未放行") == "#1 已重新转为处理中，由 Oscar 负责，已通知其本人。"


# 6. A number is never silently a question


def test_a_bare_number_is_never_a_question(alice: Chat, services: FakeServices) -> None:
    assert alice.say("7") == (
        "There is no choice numbered 7 here. For item #7, send /status 7; to ask about a number, "
        "write a few words with it."
    )
    assert alice.say("#12").startswith("There is no choice numbered 12 here.")
    assert services.retriever.asked == []
    alice.send("/lang zh")
    assert alice.say("7").startswith("这里没有编号为 7 的选项。")


def test_a_bare_number_is_not_sent_as_a_reply_a_resolution_or_a_reason(
    alice: Chat, oscar: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Held goods")
    oscar.press_label("Take #1", oscar.send("/status 1"))  # the view's buttons: Reply, Close, Reassign
    assert oscar.say("5") == (
        "There is no choice numbered 5 here, and a number alone is not taken as your reply to #1: "
        "write it out, or /cancel."
    )
    history = tracker.item_detail(actor_id=OSCAR, item_id=1).history
    assert [e for e in history if e.event == EventKind.OFFICER_REPLY] == []  # nothing sent
    oscar.send("Release expected on Monday")  # the step is still there
    oscar.send("/close 1 Released")
    alice.send("/lang zh")
    alice.send("/reopen 1")
    assert alice.say("#2") == (
        "这里没有编号为 2 的选项，单独一个数字不会作为重新打开 #1 的原因：请写明文字，或发送 /cancel。"
    )
    assert tracker.item_detail(actor_id=ALICE, item_id=1).item.status == Status.RESOLVED
    assert alice.say("货物仍被扣留") == "#1 已重新转为处理中，由 Oscar 负责，已通知其本人。"


def test_a_number_while_a_category_is_awaited_shows_the_buttons_again(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    replies = alice.send("7")
    assert replies[0].html == "There is no choice numbered 7 here: press one of these, or /cancel."
    assert len(labels(replies)) == 6 and tracker.my_items(actor_id=ALICE) == []


def test_a_look_up_command_keeps_the_step_and_says_so(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    alice.press_label("Other")
    replies = alice.send("/help")
    assert replies[-1].html == "(Still waiting for your problem's description: send it, or /cancel.)"
    alice.send("Goods held at the port")
    for _ in range(7):  # the structured intake, every step skipped
        alice.press_label("Skip")
    alice.press_label("Log it")
    assert [i.title for i in tracker.my_items(actor_id=ALICE)] == ["Goods held at the port"]
    alice.send("/lang zh")
    alice.send("/followup 1")
    assert alice.send("/mine")[-1].html == "（仍在等待您要补充到 #1 的内容：请直接发送，或发送 /cancel 取消。）"
    assert alice.say("/cancel") == "已取消。"


def test_a_look_up_while_a_category_is_awaited_shows_the_categories_again(alice: Chat) -> None:
    alice.send("/problem")
    replies = alice.send("/mine")
    assert replies[-1].html == "(Still waiting for the category of your problem: press one of these, or /cancel.)"
    assert alice.press_label("Customs recordation", replies)[0].html.startswith("Describe the problem")
    alice.send("/lang zh")
    alice.send("/problem")
    replies = alice.send("/help")
    assert replies[-1].html == "（仍在等待您选择问题类别：请点击下方按钮之一，或发送 /cancel 取消。）"
    assert len(labels(replies)) == 6


def test_the_reminder_names_what_a_family_of_steps_waits_for(alice: Chat) -> None:
    alice.send("/problem")
    alice.press_label("Other")
    alice.send("Goods held")  # the structured intake's first step
    assert alice.send("/mine")[-1].html == "(Still waiting for your problem's details: send it, or /cancel.)"
    alice.send("/lang zh")
    assert alice.send("/help")[-1].html == "（仍在等待问题的详细信息：请直接发送，或发送 /cancel 取消。）"


def test_a_category_button_of_a_finished_walk_through_is_answered_plainly(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem")
    old = alice.last
    alice.press_label("Other", old)
    alice.send("Goods held")
    for _ in range(7):  # the structured intake, every step skipped
        alice.press_label("Skip")
    alice.press_label("Log it")
    assert alice.press_label("Other", old)[0].html == "That button is from an earlier message and no longer applies."
    alice.send("/lang zh")
    assert alice.press_label("Other", old)[0].html == "该按钮来自之前的消息，已不再适用。"
    assert len(tracker.my_items(actor_id=ALICE)) == 1


# 7. Language follows the person


def test_the_first_messages_language_sets_the_conversations(dialog: Dialog, tracker: Tracker) -> None:
    chat = Chat(dialog, 5_000_000_009, "Li", language_code="en")
    escalated = chat.send("怎么进口烟花？")
    assert escalated[0].html.startswith("这个问题我没有把握答准确。")
    assert chat.press_label("转交关员")[0].html.startswith("您的问题将按原文转交关员。")
    logged = chat.skip_intake()
    assert logged[0].html.startswith("已登记为 #1")  # the system message too, not English
    answer = chat.send(RECORD)  # English typed later: still answered in Chinese, from the entry's twin
    assert answer[0].html.startswith("<b>谁可以办理知识产权海关备案？</b>")
    assert "转交关员" in labels(answer)
    assert tracker.get_user(user_id=5_000_000_009).language == "zh"  # type: ignore[union-attr]


def test_an_english_speaker_gets_english_for_a_chinese_question(alice: Chat) -> None:
    alice.send("/start")
    answer = alice.send("怎么办理海关备案？")
    assert answer[0].html.startswith("<b>Who can record an IPR with customs?</b>")
    assert "Ask an officer" in labels(answer)


def test_greetings_and_emoji_get_a_greeting(alice: Chat, services: FakeServices) -> None:
    for hello in ("Hello!", "hi", "👍", "🙂🙂"):
        assert alice.say(hello).startswith("Hello! Ask me anything"), hello
    chinese = Chat(alice.dialog, 5_000_000_010, "王", language_code="zh")
    assert chinese.say("你好").startswith("您好！海关知识产权保护方面的问题请直接提问")
    assert services.retriever.asked == []


def test_a_question_about_the_desk_itself_says_what_it_is_and_offers_a_person(alice: Chat) -> None:
    """'Are you a bot?' had the entry on reaching an officer as its confident answer, as if a customs question."""
    replies = alice.send("are you a real person or a bot? who made you lol")
    assert html_of(replies).startswith("I am iprdesk, the customs IPR desk's automatic assistant")
    assert labels(replies) == ["Ask an officer"]
    chinese = Chat(alice.dialog, 5_000_000_011, "王", language_code="zh")
    assert chinese.say("你好 在吗 你是真人还是机器人").startswith("我是 iprdesk，海关知识产权服务台的自动助手")
    assert chinese.say("谢谢啦，你们是机器人吗").startswith("我是 iprdesk，海关知识产权服务台的自动助手")
    # A question that only mentions a person or the bot is still a question for the knowledge base.
    assert not alice.say("can i talk to a real person instead of the bot").startswith("I am iprdesk")


@dataclass
class ScriptBound(FakeRetriever):
    """An engine that finds "record" only when told the asker reads English (as BM25 would miss the English
    words of a question it reads as Chinese)."""

    def ask(self, question: str, lang: str | None = None) -> Answer:
        if lang == "en" and "record" in question:
            return super().ask(question, "en")
        declined = super().ask("nothing", lang)
        return replace(declined, question=question, lang=lang or "zh")


def test_a_question_mixing_chinese_and_english_is_answered_from_the_entry_it_asks_about(
    tracker: Tracker,
) -> None:
    services = FakeServices(tracker, retriever=ScriptBound())
    chat = Chat(Dialog(services), 5_000_000_011, "Wang", language_code="zh")
    chat.send("/start")
    answer = chat.send("我想 record 商标，谁可以办？")
    assert answer[0].html.startswith("<b>谁可以办理知识产权海关备案？</b>")


# 8. "Add to #N" asks first, offers the item that fits, confirms


def test_add_to_offers_the_fitting_item_first_and_confirms_what_was_added(
    alice: Chat, tracker: Tracker
) -> None:
    alice.send("/problem Trademark recordation renewal question")
    alice.send("/problem Goods held at Dayaowan port")  # the latest: it is not the one that fits
    picked = alice.press_label("Add to an open item", alice.send(RECORD))
    assert picked[0].html.startswith("Add this question to one of your open items?")
    assert labels(picked) == ["#1 Trademark recordation renewal…", "#2 Goods held at Dayaowan port"]
    assert len(tracker.item_detail(actor_id=ALICE, item_id=1).history) == 1  # nothing added yet
    assert alice.press_label("#1", picked)[0].html == f"Added to #1: “{RECORD}”"
    alice.send("/lang zh")
    picked = alice.press_label("补充到未办结事项", alice.send("谁可以办理备案？"))
    assert alice.press_label("#2", picked)[0].html == "已补充到 #2：“谁可以办理备案？”"


def test_a_question_is_added_once_however_often_its_button_is_pressed(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Trademark recordation renewal question")
    answer = alice.send(RECORD)
    picked = alice.press_label("Add to an open item", answer)
    alice.press_label("#1", picked)
    assert alice.press_label("#1", picked)[0].html == "That question is already on #1."
    assert alice.press_label("Add to an open item", answer)[0].html == "That question is already on #1."
    alice.send("/lang zh")
    assert alice.press_label("#1", picked)[0].html == "这个问题已在 #1 中。"
    history = tracker.item_detail(actor_id=ALICE, item_id=1).history
    assert [e.text for e in history if e.text == RECORD] == [RECORD]  # added once


# 9. What happens next


def test_an_escalation_says_what_happens_next_and_gets_a_category(alice: Chat, tracker: Tracker) -> None:
    replies = alice.send(UNKNOWN)
    alice.press_label("Ask an officer", replies)
    logged = alice.skip_intake()
    assert logged[0].html == (
        "Logged as #1. An officer will answer here; /status 1 shows where it stands.\nWhich category fits it best?"
    )
    assert alice.press_label("Customs recordation", logged)[0].html == "#1 is filed under “Customs recordation”."
    item = tracker.my_items(actor_id=ALICE)[0]
    assert (item.kind, item.category) == (ItemKind.ESCALATION, "recordation")
    alice.send("/lang zh")
    problem = alice.say("/problem 货物被扣")
    assert "关员会在这里答复您；发送 /status 2 查看进度，/followup 2 补充内容。" in problem


# 10. Long messages are not lost


def test_a_long_problem_is_kept_in_parts(alice: Chat, oscar: Chat, tracker: Tracker) -> None:
    text = ("The container was held. " * 200).strip()  # 4,799 characters
    html = alice.say("/problem " + text)
    assert "It was longer than 4000 characters, so it is kept in 2 parts." in html
    detail = tracker.item_detail(actor_id=ALICE, item_id=1)
    parts = [detail.item.description, *(e.text for e in detail.history if e.text)]
    assert " ".join(parts) == text
    long_reply = ("请提供发票。" * 700)  # 4,200 characters
    oscar.send("/lang zh")
    assert "内容超过 4000 个字，已分 2 段保存。" in oscar.say("/reply 1 " + long_reply)


def test_a_long_followup_is_kept_in_parts(alice: Chat, tracker: Tracker) -> None:
    alice.send("/problem Held goods")
    text = ("More details follow. " * 200).strip()  # 4,199 characters
    assert alice.say("/followup 1 " + text) == (
        "Added to #1.\nIt was longer than 4000 characters, so it is kept in 2 parts."
    )
    added = [e.text for e in tracker.item_detail(actor_id=ALICE, item_id=1).history if e.text]
    assert " ".join(added[-2:]) == text
    alice.send("/lang zh")
    alice.send("/followup 1")
    assert alice.say("补充材料。" * 820) == "已补充到 #1。\n内容超过 4000 个字，已分 2 段保存。"


def test_a_question_over_the_limit_is_told_to_use_problem(alice: Chat, services: FakeServices) -> None:
    assert alice.say("record " * 700).startswith("That is too long for one question (over 4000 characters).")
    assert services.retriever.asked == []


# 11. Admins: who holds which role, role names in Chinese, plain refusals


def test_users_lists_who_holds_which_role(ada: Chat, oscar: Chat, olga: Chat, alice: Chat) -> None:
    alice.send("/start")
    assert ada.say("/users") == (
        f"<b>Administrators</b> (1)\n{ADA} · Ada\n\n<b>Officers</b> (2)\n{OLGA} · Olga\n{OSCAR} · Oscar"
    )
    assert ada.say("/users 企业") == f"<b>Enterprise users</b> (1)\n{ALICE} · Alice &lt;Acme&gt;"
    assert ada.say("/users boss") == "Usage: /users [ROLE] (officer, admin or enterprise)"
    ada.send("/lang zh")
    assert ada.say("/users 关员").startswith("<b>关员</b>（2 人）")
    assert oscar.say("/users") == "That command is not available to you."


def test_grant_takes_chinese_role_names_and_refusals_give_reasons(ada: Chat, alice: Chat, tracker: Tracker) -> None:
    alice.send("/start")
    assert ada.say(f"/grant {ALICE} 关员") == f"User {ALICE} is now an officer."
    assert tracker.get_user(user_id=ALICE).role == Role.OFFICER  # type: ignore[union-attr]
    assert ada.say(f"/grant {ALICE} officer") == f"User {ALICE} already is an officer."
    assert ada.say(f"/grant {ADA} officer") == "You cannot change your own role; another administrator can."
    assert ada.say("/revoke 8000000002") == "User 8000000002 holds no role: they are an enterprise user already."
    assert tracker.get_user(user_id=8_000_000_002) is None  # nothing written
    ada.send("/lang zh")
    assert ada.say("/grant 8000000003 管理员") == "用户 8000000003 尚未与机器人对话过；自其第一条消息起即为管理员。"
    assert ada.say(f"/revoke {ALICE}") == f"用户 {ALICE} 已恢复为企业用户。"


# 12. /reindex with nothing changed


def test_reindex_with_nothing_changed_says_so(ada: Chat, services: FakeServices) -> None:
    services.knowledge.unchanged = True
    assert ada.say("/reindex") == "Nothing changed since the build in service (42 sections); the index stays as it is."
    ada.send("/lang zh")
    assert ada.say("/reindex") == "自当前索引构建以来没有改动（共 42 个条目），索引保持不变。"


# The done-when: notice -> one view -> Take -> reply -> "close with this"


def test_the_officers_path_is_three_presses_and_one_typed_answer(
    alice: Chat, oscar: Chat, officer_chat: Chat, tracker: Tracker
) -> None:
    escalate(alice, UNKNOWN)
    (notice,) = notices_to(tracker, OFFICER_CHAT)
    announced = officer_chat.dialog.render_notification(notice)
    (view,) = officer_chat.press_label("Open #1", [announced])  # press 1, in the officers' group
    assert view.chat_id == OSCAR and "Nobody holds it yet." in view.html
    taken = oscar.press_label("Take #1", [view])  # press 2
    assert html_of(taken).startswith("You took #1. Type your reply")
    replied = oscar.send("Fireworks need a licence first; customs checks it at import.")  # the typed answer
    closed = oscar.press_label("Close #1 with this", replied)  # press 3
    assert closed[0].html == "#1 is resolved; the enterprise is told."
    assert tracker.my_items(actor_id=ALICE)[0].status == Status.RESOLVED
    said = [oscar.dialog.render_notification(n).html for n in notices_to(tracker, ALICE)]
    assert said[-1].startswith("#1 is resolved: Fireworks need a licence first")
