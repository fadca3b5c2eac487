"""Casework flows through the Dialog on the real Tracker (SQLite, or PostgreSQL with IPRDESK_TEST_DATABASE=postgres):
structured intake, due times on working days with a fake clock, reminders once across replicas, duplicates,
merges, the owner's score, recordations and their reminders."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.core.dialog import Dialog
from bot.core.messages import Incoming, SentFile
from bot.retrieval.embedder import FakeEmbedder
from bot.tracker import sla
from bot.tracker.origin import acting_for
from bot.tracker.service import Tracker
from bot.tracker.values import NoticeKind, Role
from tests.core.conftest import ALICE, BOB, OSCAR, Chat, buttons_of, drain, html_of, labels, notices_to
from tests.core.test_escalation_intake import send_file
from tests.fakes.clock import FakeClock
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices, real_tracker


@pytest.fixture
def clock() -> FakeClock:
    """Starts Wednesday 30 September 2026, 10:00 in Beijing."""
    return FakeClock(datetime(2026, 9, 30, 2, 0, tzinfo=UTC))


@pytest.fixture
def tracker(tmp_path: Path, clock: FakeClock) -> Tracker:
    return real_tracker(tmp_path, clock=clock)


@pytest.fixture
def dialog(services: FakeServices) -> Dialog:
    return Dialog(services)


def officer(tracker: Tracker, dialog: Dialog) -> Chat:
    tracker.ensure_user(user_id=OSCAR, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=OSCAR, role=Role.OFFICER)
    drain(tracker)
    return Chat(dialog, OSCAR, "Oscar")


def walk_to_summary(alice: Chat, text: str = "Fake bearings with our mark at Dalian") -> None:
    alice.send("/problem")
    alice.press_label("Infringement clue")
    assert alice.say(text).startswith("Which right is it about?")


def test_an_intake_with_every_field_is_summarised_with_its_guarantee_and_reaches_the_officer_whole(
    alice: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    walk_to_summary(alice)
    alice.press_label("Trademark")
    assert alice.say("t2019 12345").startswith("Which port")  # read as T2019-12345
    alice.send("Dalian Dayaowan")
    assert "Import or export?" in html_of(alice.send("SKF bearings 6205, 2,000 pieces, blue boxes"))
    alice.press_label("Import")
    alice.send("RMB 300,000")
    summary = html_of(alice.press_label("Customs found the goods"))
    for shown in ("Right: Trademark", "Recordation no.: T2019-12345", "Port: Dalian Dayaowan",
                  "Goods: SKF bearings 6205, 2,000 pieces, blue boxes", "Import/export: Import",
                  "Declared value (RMB): 300,000", "Route: Customs found the goods"):
        assert shown in summary
    # above RMB 200,000 the ex officio guarantee is a fixed RMB 100,000 (Measures Art. 23)
    assert "Guarantee the rules give for this value and route: <b>RMB 100,000</b> (Measures Art. 23)" in summary
    assert labels(alice.last) == ["✅ Log it", "✏️ Edit a field", "Cancel"]
    assert "Logged as #1" in html_of(alice.press_label("Log it"))

    item = tracker.my_items(actor_id=ALICE)[0]
    assert (item.intake.recordation_no, item.intake.port, item.intake.declared_value) == (
        "T2019-12345", "Dalian Dayaowan", "300000"
    )
    [announced] = [dialog.render_notification(n) for n in notices_to(tracker, OFFICER_CHAT)]
    assert "Recordation no.: T2019-12345" in announced.html and "RMB 100,000" in announced.html
    oscar = officer(tracker, dialog)
    card = html_of(oscar.send("/status 1"))
    assert "Port: Dalian Dayaowan" in card and "Due (working days): first response 2026-10-08 10:00" in card


def test_an_intake_with_every_step_skipped_logs_the_text_alone(alice: Chat, tracker: Tracker) -> None:
    walk_to_summary(alice, "Goods held")
    for _ in range(7):
        alice.press_label("Skip")
    assert "Right: —" in alice.last[0].html and "Guarantee" not in alice.last[0].html
    alice.press_label("Log it")
    [item] = tracker.my_items(actor_id=ALICE)
    assert item.description == "Goods held" and item.intake.empty


def test_a_field_is_edited_from_the_summary_before_logging(alice: Chat, tracker: Tracker) -> None:
    walk_to_summary(alice, "Goods held")
    for _ in range(7):
        alice.press_label("Skip")
    alice.press_label("Edit a field")
    alice.press_label("Port")
    assert "Port: Qingdao" in html_of(alice.send("Qingdao"))  # straight back to the summary
    alice.press_label("Log it")
    assert tracker.my_items(actor_id=ALICE)[0].intake.port == "Qingdao"


def test_a_bad_recordation_number_and_an_unreadable_value_are_answered_with_the_format(alice: Chat) -> None:
    walk_to_summary(alice)
    alice.press_label("Patent")
    said = alice.say("our number is 12345")
    assert "is not a recordation number" in said and "T2019-12345" in said
    assert alice.say("P2020-00042").startswith("Which port")
    alice.press_label("Skip")
    alice.press_label("Skip")
    alice.press_label("Export")
    said = alice.say("about a lot")
    assert "cannot read “about a lot” as an amount in RMB" in said and "50,000" in said
    assert "How did it start" in alice.say("5万")  # read as 50,000


def test_intake_in_chinese(dialog: Dialog, tracker: Tracker) -> None:
    alice = Chat(dialog, ALICE, "Alice", language_code="zh-hans")
    alice.send("/problem")
    alice.press_label("侵权线索")
    assert alice.say("大连口岸发现假冒轴承").startswith("涉及哪类知识产权？")
    alice.press_label("商标")
    assert "不是备案号" in alice.say("没有")


def test_due_times_skip_the_2026_national_day_holiday_and_count_its_adjusted_saturday(
    alice: Chat, tracker: Tracker, clock: FakeClock
) -> None:
    """Logged Wed 30 Sep 2026 10:00: 1–7 October are holidays, Sat 10 October is a working day."""
    alice.send("/problem Goods held at Dalian")
    item = tracker.my_items(actor_id=ALICE)[0]
    beijing = [due.astimezone(UTC) + timedelta(hours=8) for due in (item.first_response_due, item.resolution_due)
               if due is not None]
    assert [d.strftime("%a %d %b %H:%M") for d in beijing] == ["Thu 08 Oct 10:00", "Tue 20 Oct 10:00"]


def test_one_reminder_and_one_announcement_however_many_replicas(
    alice: Chat, tracker: Tracker, clock: FakeClock, tmp_path: Path
) -> None:
    other_replica = real_tracker(tmp_path, clock=clock)  # the same database
    alice.send("/problem Goods held at Dalian")
    drain(tracker)
    clock.set_beijing(2026, 10, 8, hour=7)  # three hours before the first response is due
    assert tracker.send_reminders() + other_replica.send_reminders() == 1
    [soon] = drain(tracker)
    assert soon.kind == NoticeKind.DUE_SOON and soon.chat_id == OFFICER_CHAT  # nobody holds it
    clock.set_beijing(2026, 10, 8, hour=11)
    assert other_replica.send_reminders() + tracker.send_reminders() == 1
    [late] = drain(tracker)
    assert late.kind == NoticeKind.OVERDUE and late.payload["stage"] == "first_response"
    clock.set_beijing(2026, 10, 9)
    assert tracker.send_reminders() == other_replica.send_reminders() == 0  # announced once


def test_items_announced_late_long_ago_do_not_hold_up_the_sweep(
    alice: Chat, tracker: Tracker, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sweep looks at SWEEP_MAX items a round: ones already announced late must not fill it for ever."""
    monkeypatch.setattr(sla, "SWEEP_MAX", 2)
    for text in ("Goods held at Dalian", "Fake labels in Qingdao", "Copies of our patent at Ningbo"):
        alice.send(f"/problem {text}")
    clock.set_beijing(2026, 10, 9)  # all three past their first response (Thu 8 Oct 10:00)
    while tracker.send_reminders():
        pass
    assert sorted(n.payload["item_id"] for n in drain(tracker) if n.kind == NoticeKind.OVERDUE) == [1, 2, 3]
    alice.send("/problem A fourth case at Tianjin")  # due Mon 12 Oct 00:00 (logged Fri 9 Oct 00:00)
    clock.set_beijing(2026, 10, 12, hour=1)
    while tracker.send_reminders():
        pass
    assert [n.payload["item_id"] for n in drain(tracker) if n.kind == NoticeKind.OVERDUE] == [4]


def test_the_officer_who_holds_an_item_is_reminded_of_its_resolution_and_the_officers_chat_told_when_late(
    alice: Chat, tracker: Tracker, clock: FakeClock, dialog: Dialog
) -> None:
    alice.send("/problem Goods held at Dalian")
    oscar = officer(tracker, dialog)
    oscar.send("/reply 1 Send us the invoice")  # the first response: the resolution (Tue 20 Oct 10:00) is next
    drain(tracker)
    clock.set_beijing(2026, 10, 19, hour=11)  # 23 hours before it
    assert tracker.send_reminders() == 1
    [soon] = drain(tracker)
    assert (soon.kind, soon.chat_id, soon.payload["stage"]) == (NoticeKind.DUE_SOON, OSCAR, "resolution")
    assert dialog.render_notification(soon).html == (
        "⏰ #1 Goods held at Dalian: the resolution is due 2026-10-20 10:00."
    )
    clock.set_beijing(2026, 10, 20, hour=11)
    assert tracker.send_reminders() == 1
    [late] = drain(tracker)
    assert (late.kind, late.chat_id, late.payload["stage"]) == (NoticeKind.OVERDUE, OFFICER_CHAT, "resolution")


def test_a_late_item_counts_in_working_days_and_on_time_in_stats(
    alice: Chat, tracker: Tracker, clock: FakeClock, dialog: Dialog
) -> None:
    alice.send("/problem Goods held at Dalian")
    oscar = officer(tracker, dialog)
    clock.set_beijing(2026, 10, 12)  # Monday: late since Thu 8 Oct, counting Fri 9 and Sat 10 (adjusted), Mon 12
    stats = tracker.stats(actor_id=OSCAR)
    assert stats.overdue == 1
    assert tracker.levels.working_days_late(tracker.my_items(actor_id=ALICE)[0].first_response_due, clock.now) == 3
    oscar.send("/close 1 Released")
    stats = tracker.stats(actor_id=OSCAR)
    assert (stats.overdue, stats.with_due, stats.on_time_percent) == (0, 1, 100.0)  # resolved by 20 October
    assert "Resolved on time (working days): 100% of 1" in html_of(oscar.send("/stats"))


def test_a_duplicate_is_offered_accepted_and_declined(alice: Chat, tracker: Tracker, bob: Chat) -> None:
    alice.send("/problem Counterfeit SKF bearings held at Dalian port")
    bob.send("/problem Counterfeit SKF bearings held at Dalian port")  # another enterprise's: never offered
    assert len(tracker.my_items(actor_id=BOB)) == 1
    offered = html_of(alice.send("/problem Counterfeit SKF bearings at Dalian port again"))
    assert "This looks like your open #1" in offered and labels(alice.last) == ["Add to #1", "Log as new"]
    assert "Added to #1" in html_of(alice.press_label("Add to #1")) or tracker.item_detail(
        actor_id=ALICE, item_id=1
    ).history[-1].text == "Counterfeit SKF bearings at Dalian port again"
    assert len(tracker.my_items(actor_id=ALICE)) == 1
    alice.send("/problem Counterfeit SKF bearings held at Dalian port")
    alice.press_label("Log as new")
    assert len(tracker.my_items(actor_id=ALICE)) == 2


class ReadsNoChinese(FakeEmbedder):
    """Like the bundled all-MiniLM-L6-v2: every Chinese character is one unknown token, so any two Chinese texts
    look alike to it (unrelated problems measured 0.80-0.91 with the real model)."""

    multilingual = False

    def encode(self, texts: list[str]) -> Any:
        return super().encode([re.sub(r"[\u4e00-\u9fff]", " unk ", text) for text in texts])


def test_a_model_that_reads_no_chinese_does_not_make_unrelated_chinese_problems_duplicates(
    dialog: Dialog, services: FakeServices, tracker: Tracker
) -> None:
    services.retriever.embedder = ReadsNoChinese()
    li = Chat(dialog, ALICE, "Li", language_code="zh-hans")
    li.send("/problem 我们的商标被侵权")
    li.send("/problem 大连口岸发现假冒轴承")
    assert "#2" in html_of(li.last) and not [b for b in labels(li.last) if "#1" in b]
    assert "#3" in html_of(li.send("/problem 上海海关扣留了假冒化妆品"))  # logged at once, nothing offered
    offered = html_of(li.send("/problem 大连口岸又发现一批假冒轴承"))  # a real repeat: offered by its terms
    assert "#2" in offered and "#1" not in offered and len(tracker.my_items(actor_id=ALICE)) == 3
    english = Chat(dialog, BOB, "Bob")
    english.send("/problem Counterfeit SKF bearings held at Dalian port")
    assert "#4" in html_of(english.send("/problem Counterfeit SKF bearings at Dalian port again"))  # by the model


def test_an_update_handled_again_after_a_crash_is_logged_not_offered_as_its_own_duplicate(
    alice: Chat, tracker: Tracker
) -> None:
    # A replica raised the item for update 77 and died before its reply went out; another handles 77 again.
    for _ in range(2):
        with acting_for("tg:77"):
            replies = alice.send("/problem Knock-off bearings at Dalian port")
        assert "This looks like your open" not in html_of(replies) and "#1" in html_of(replies)
        assert [b for b in labels(replies) if "Add to" in b] == []
    assert [i.id for i in tracker.my_items(actor_id=ALICE)] == [1]
    # The same text in a later update is a duplicate of #1 as before.
    with acting_for("tg:78"):
        assert "This looks like your open #1" in html_of(alice.send("/problem Knock-off bearings at Dalian port"))


def test_a_file_goes_on_the_item_picked_or_followed_up_and_any_of_them_is_sent_again_to_owner_and_officer(
    alice: Chat, bob: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    alice.send("/problem Fake bearings held at Dalian")
    alice.send("/problem Copies of our patent at Tianjin")
    picked = send_file(alice, SentFile("photo", "ph-pick", size=1_000))
    assert labels(picked) == ["#2 Copies of our patent at…", "#1 Fake bearings held at Dalian"]
    assert alice.press_label("#1", picked)[0].html == "📎 photo is attached to #1; the officer gets it."
    alice.send("/followup 2")
    pdf = SentFile("document", "doc-2", "invoice.pdf", "application/pdf", 5_000)
    assert send_file(alice, pdf)[0].html == "📎 invoice.pdf is attached to #2; the officer gets it."
    for n in range(11):
        tracker.keep_file(actor_id=ALICE, kind="photo", file_id=f"more{n}", file_name=f"box{n}.jpg", item_id=1)
    oscar = officer(tracker, dialog)
    card = oscar.send("/status 1")
    assert "📎 box8.jpg" in labels(card) and "📎 box9.jpg" not in labels(card)  # ten files, then "More files"
    more = oscar.press_label("More files (2)", card)
    assert labels(more) == ["📎 box9.jpg", "📎 box10.jpg"]
    [sent] = oscar.press_label("box10.jpg", more)
    assert sent.file is not None and sent.file.file_id == "more10" and "#1" in sent.html
    assert [f.file_id for f in tracker.attachments(actor_id=OSCAR, item_id=2)] == ["doc-2"]
    [again] = alice.press_label("invoice.pdf", alice.send("/status 2"))
    assert again.file is not None and again.file.file_id == "doc-2"
    for forged in (more[0].buttons[0][0].data, [b.data for b in buttons_of(card) if b.label.startswith("More")][0]):
        assert all(r.file is None for r in bob.press(forged)) and "box" not in html_of(bob.last)  # nothing


def test_a_photos_caption_reaches_the_officer_as_its_name(alice: Chat, tracker: Tracker, dialog: Dialog) -> None:
    alice.send("/problem Fake bearings held at Dalian")
    drain(tracker)
    captioned = Incoming(
        user_id=ALICE, chat_id=ALICE, user_name="Alice", language_code="en",
        text="The fakes:  the logo reads SFK", file=SentFile("photo", "ph-cap", size=2_000),
    )
    said = dialog.handle(captioned)[0].html
    assert said == "📎 The fakes: the logo reads SFK is attached to #1; the officer gets it."
    [forwarded] = [dialog.render_notification(n) for n in notices_to(tracker, OFFICER_CHAT)]
    assert forwarded.html == "📎 #1: The fakes: the logo reads SFK from Alice"
    assert forwarded.file is not None and forwarded.file.file_id == "ph-cap"


def test_a_merge_moves_history_and_files_and_tells_the_owner(
    alice: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    alice.send("/problem Fake bearings at Dalian")
    alice.press_label("Other")
    alice.send("/problem Shipment of SKF copies in Qingdao")
    alice.press_label("Log as new") if "Log as new" in labels(alice.last) else None
    kept = tracker.keep_file(actor_id=ALICE, kind="photo", file_id="ph9", item_id=2)
    oscar = officer(tracker, dialog)
    drain(tracker)
    assert oscar.say("/merge 1 2") == "#2 is merged into #1; its owner is told."
    [told] = [dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert told.html.startswith("#2 is handled together with your #1")
    history = [e.text for e in tracker.item_detail(actor_id=OSCAR, item_id=1).history]
    assert "from #2: Shipment of SKF copies in Qingdao" in history  # what #2 said, not only its number
    assert [a.id for a in tracker.attachments(actor_id=ALICE, item_id=1)] == [kept.id]
    merged = tracker.item_detail(actor_id=ALICE, item_id=2).item
    assert (merged.status.value, merged.merged_into) == ("resolved", 1)
    assert oscar.say("/merge 1 1") == "An item cannot be merged into itself."


def test_another_enterprises_item_is_not_merged_and_nothing_moves(
    alice: Chat, bob: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    alice.send("/problem Fake bearings at Dalian")
    bob.send("/problem Fake bearings at Dalian too")
    tracker.keep_file(actor_id=BOB, kind="photo", file_id="bob-photo", item_id=2)
    oscar = officer(tracker, dialog)
    drain(tracker)
    refused = oscar.say("/merge 1 2")  # #2's text and files would reach Alice through #1
    assert refused.startswith("#2 and #1 were logged by different enterprise users, so they are not merged")
    assert tracker.attachments(actor_id=ALICE, item_id=1) == []
    assert [i.status.value for i in tracker.my_items(actor_id=BOB)] == ["open"] and drain(tracker) == []
    assert "not" in alice.say("/merge 1 2").lower()  # and no enterprise merges


def test_a_score_of_one_is_announced_to_the_officers_with_the_comment(
    alice: Chat, tracker: Tracker, dialog: Dialog
) -> None:
    alice.send("/problem Goods held")
    oscar = officer(tracker, dialog)
    oscar.send("/close 1 Released")
    [resolved] = [dialog.render_notification(n) for n in notices_to(tracker, ALICE)]
    assert "How did we do on #1?" in resolved.html
    alice.press_label("1⭐", [resolved])
    assert alice.say("Nobody called us back") == "Your comment on #1 is kept. Thank you."
    announced = [dialog.render_notification(n).html for n in notices_to(tracker, OFFICER_CHAT)]
    assert announced == [  # at the press (a comment may never come), and again with the comment
        "👎 #1 was rated 1/5 by its owner.", "👎 #1 was rated 1/5 by its owner. Nobody called us back"
    ]
    stats = tracker.stats(actor_id=OSCAR)
    assert (stats.rated, stats.average_score, stats.satisfied_percent) == (1, 1.0, 0.0)
    assert "Satisfaction: average 1.0 of 5 from 1 rating(s); 0% gave 4–5" in html_of(oscar.send("/stats"))


def test_a_recordation_is_reminded_at_each_of_its_three_dates_once(
    alice: Chat, tracker: Tracker, clock: FakeClock, dialog: Dialog
) -> None:
    clock.set_beijing(2026, 1, 5)
    assert "You keep no recordations here yet" in html_of(alice.send("/recordations"))
    alice.press_label("Add a recordation")
    alice.send("T2016-00777")
    alice.press_label("Trademark")
    alice.press_label("Expiry date")
    added = alice.say("2026-09-30")
    assert "T2016-00777 is kept: in force until Wednesday 30 September 2026" in added
    assert "I remind you from Monday 30 March 2026" in added
    said: list[str] = []
    for day in ((2026, 3, 29), (2026, 3, 30), (2026, 4, 2), (2026, 8, 30), (2026, 9, 30), (2026, 10, 1)):
        clock.set_beijing(*day)
        tracker.send_reminders()
        tracker.send_reminders()  # a second replica's sweep, or the next round: nothing more
        said += [dialog.render_notification(n).html.split(":")[0] for n in notices_to(tracker, ALICE)]
    assert said == [
        "🔔 The renewal window of your recordation T2016-00777 is open",
        "🔔 Your recordation T2016-00777 expires in one month, on Wednesday 30 September 2026. If you have not "
        "applied for renewal yet, do it now through the GACC recordation system.",
        "🔔 Your recordation T2016-00777 expires today, Wednesday 30 September 2026. Without renewal customs no "
        "longer protects the right ex officio; to be protected again, file a new recordation.",
    ]
    oscar = officer(tracker, dialog)
    clock.set_beijing(2026, 5, 1)
    assert "expiring in the next six months: 1" in html_of(oscar.send("/recordations"))


def test_a_recordation_added_by_its_approval_date_in_chinese_is_reminded_in_chinese_until_removed(
    dialog: Dialog, tracker: Tracker, clock: FakeClock
) -> None:
    li = Chat(dialog, ALICE, "Li", language_code="zh-hans")
    li.send("/recordations")
    li.press_label("添加备案")
    assert "不是备案号" in li.say("12345")  # the format asked again
    li.send("t2017 00001")
    li.press_label("商标")
    li.press_label("核准日期")
    assert "无法识别日期“明年”" in li.say("明年")
    added = li.say("2017年3月1日")  # ten years from approval: in force until 28 February 2027
    assert "备案 T2017-00001 已记录：有效期至 2027年2月28日" in added
    clock.set_beijing(2026, 8, 28)
    tracker.send_reminders()
    [opens] = [dialog.render_notification(n).html for n in notices_to(tracker, ALICE)]
    assert opens.startswith("🔔 您的备案 T2017-00001 已进入续展期：将于 2027年2月28日")
    li.send("/recordations")
    assert li.press_label("删除 T2017-00001")[0].html == "备案 T2017-00001 已删除，不再提醒。"
    clock.set_beijing(2027, 2, 28)
    assert tracker.send_reminders() == 0 and tracker.recordations(actor_id=ALICE) == []


def test_a_recordation_guide_is_opened_by_officers_from_the_item_naming_it(
    alice: Chat, tracker: Tracker, dialog: Dialog, bob: Chat
) -> None:
    recordation = tracker.add_recordation(
        actor_id=ALICE if tracker.ensure_user(user_id=ALICE, name="Alice") else ALICE,
        number="T2019-12345", right_kind="trademark", expires=datetime(2030, 1, 1).date(),
    )
    alice.send("/recordations")
    alice.press_label("Guide for T2019-12345")
    assert "is kept; officers can open it" in alice.say("Genuine boxes carry a hologram on the left side")
    tracker.keep_file(actor_id=ALICE, kind="photo", file_id="holo1", recordation_id=recordation.id)
    alice.send("/cancel")
    walk_to_summary(alice)
    alice.press_label("Trademark")
    alice.send("T2019-12345")
    for _ in range(5):
        alice.press_label("Skip")
    alice.press_label("Log it")
    oscar = officer(tracker, dialog)
    card = oscar.send("/status 1")
    opened = oscar.press_label("Recordation guide", card)
    assert "hologram on the left side" in opened[0].html
    assert opened[1].file is not None and opened[1].file.file_id == "holo1"
    assert "not" in html_of(bob.press(f"rec:open:{recordation.id}")).lower()  # another enterprise: refused


def test_the_stats_chart_is_a_png_whose_numbers_match_stats(
    alice: Chat, bob: Chat, tracker: Tracker, clock: FakeClock, dialog: Dialog
) -> None:
    alice.send("/problem Goods held at Dalian")
    clock.now += timedelta(weeks=1)
    bob.send("/problem Fake labels at Qingdao")
    bob.press_label("Infringement clue")
    alice.send("/problem Copies of our patent at Tianjin, nothing like the first")
    alice.press_label("Log as new") if "Log as new" in labels(alice.last) else None
    oscar = officer(tracker, dialog)
    oscar.send("/close 1 Released")
    clock.now += timedelta(days=2)
    figures_reply, chart = oscar.send("/stats")
    assert chart.upload is not None and chart.upload[1].startswith(b"\x89PNG\r\n\x1a\n")
    assert chart.html == "Open and in progress per week, by category; 2 to go to zero."
    drawn = json.loads(Image.open(io.BytesIO(chart.upload[1])).text["Description"])
    stats = tracker.stats(actor_id=OSCAR)
    assert drawn["totals"][-1] == drawn["distance_to_zero"] == stats.distance_to_zero == 2
    assert {k: v[-1] for k, v in drawn["by_category"].items() if v[-1]} == {
        k: v for k, v in stats.open_by_category.items() if v
    } == {"other": 1, "infringement_clue": 1}
    assert drawn["totals"][-2] == 1  # a week ago only #1 was logged (and still open)
    assert drawn["on_time_percent"] == stats.on_time_percent == 100.0
    assert "2 to go to zero" in figures_reply.html
