"""Computed answers in the chat: guarantees, last days and recordation terms from the rules, /calc, and no
worked example ever given as the answer for another figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot.core.dialog import Dialog
from bot.retrieval.answers import Answer
from bot.rules.calculator import Calculator
from tests.core.conftest import ALICE, Chat, html_of, labels
from tests.fakes.fake_services import FakeRetriever, FakeServices

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(autouse=True)
def fixed_today(services: FakeServices) -> None:
    """The desk's date is fixed, so a date without a year and "open now" do not move with the real clock."""
    services.calculator = Calculator(today=lambda: TODAY)  # type: ignore[attr-defined]


def test_a_guarantee_question_with_its_own_value_gets_the_computed_amount_and_the_article(alice: Chat) -> None:
    html = alice.say("Goods worth RMB 50,000 were detained ex officio. How much guarantee?")
    assert "<b>Guarantee: RMB 25,000</b>" in html
    assert "50% of RMB 50,000 = RMB 25,000" in html
    assert "Legal basis: Measures Art. 23" in html
    assert "RMB 50,000</b>" not in html  # the value is never offered as the guarantee on this route
    assert "🧮 Calculator" in labels(alice.last) and "Ask an officer" in labels(alice.last)


def test_a_chinese_guarantee_question_is_answered_in_chinese(alice: Chat) -> None:
    html = alice.say("货值5万元，依职权扣留，要交多少担保？")
    assert "<b>担保金额：人民币25,000元</b>" in html
    assert "实施办法第二十三条" in html
    assert "🧮 计算器" in labels(alice.last)


def test_without_a_route_both_routes_are_shown_side_by_side(alice: Chat) -> None:
    html = alice.say("How much bond for goods worth 120k?")
    assert "it depends on the route" in html
    assert "RMB 60,000" in html and "RMB 120,000" in html


def test_a_notice_served_before_national_day_is_due_on_the_adjusted_saturday(alice: Chat) -> None:
    html = alice.say("We were served the customs notice on 30 September 2026. What is the last day to reply?")
    assert "<b>Last day: Saturday 10 October 2026</b>" in html
    assert "Public holidays skipped: 1 October–7 October." in html
    assert "adjusted weekend days): 10 October." in html
    assert "Regulations Art. 16" in html


def test_a_date_without_a_year_takes_this_year_and_says_so(alice: Chat) -> None:
    html = alice.say("9月30日收到海关通知，最后哪天要答复？")
    assert "<b>最后一天：2026年10月10日（星期六）</b>" in html
    assert "您未写年份，按2026年计算。" in html


def test_a_date_past_the_loaded_holiday_schedules_is_called_an_estimate(alice: Chat) -> None:
    html = alice.say("Customs notice served on 30 December 2026, last day to reply?")
    assert "Tuesday 5 January 2027" in html  # 1 January is a holiday in every year
    assert "<b>estimate</b>" in html


def test_a_recordation_term_is_computed_from_its_approval_date(alice: Chat) -> None:
    html = alice.say(
        "Our customs recordation was approved on 15 March 2020. When does it expire and when can we renew?"
    )
    assert "<b>Recordation valid until Thursday 14 March 2030</b>" in html
    assert "from Friday 14 September 2029" in html
    assert "Regulations Art. 10" in html


def test_another_jurisdictions_time_limit_is_not_computed_from_chinas_table(alice: Chat) -> None:
    """China's 3 working days given for a question on the EU's or Japan's customs would be confidently wrong."""
    assert "Last day: Thursday 5 March 2026" in alice.say("Customs notice served on 2 March 2026, last day to reply?")
    assert "Last day: Thursday 5 March 2026" in alice.say("2026年3月2日收到海关的通知，最晚哪天要回复？")
    for origin in ("We are a Japanese company.", "We are a US brand.", "我们是美国公司，"):
        assert "Last day: Thursday 5 March 2026" in alice.say(
            f"{origin} Customs notice served on 2 March 2026, last day to reply?"), origin
    for question in ("EU customs notice served on 2 March 2026, last day to reply?",
                     "In the US, CBP served a notice on 2 March 2026: last day to reply?",
                     "2026年3月2日收到日本海关的通知，最晚哪天要回复？"):
        html = alice.say(question)
        assert "Last day" not in html and "最后一天" not in html and "3个工作日" not in html, question


@pytest.mark.parametrize(
    ("question", "start", "rule", "last_day"),
    [
        ("We got a customs notice on 2 March 2026 saying we have 10 working days to reply. Last day?",
         "You mention <b>10 working days</b>", "<b>3 working days</b>", "Last day"),
        ("3月2日收到海关通知，通知上写十个工作日内答复，最后一天是哪天？",
         "您提到<b>10个工作日</b>", "<b>3个工作日</b>", "最后一天："),
    ],
)
def test_a_notices_own_period_unlike_the_rules_gets_both_and_no_last_day(
    alice: Chat, question: str, start: str, rule: str, last_day: str
) -> None:
    """Counting the rules' 3 days for a notice that says 10 (or 10 without an article) would be a wrong date."""
    html = alice.say(question)
    assert html.startswith(start) and rule in html
    assert last_day not in html and "March 2026" not in html and "2026年3月" not in html


def test_the_guarantee_is_computed_on_the_part_detained_not_the_whole_shipment(alice: Chat) -> None:
    html = alice.say("Our shipment is worth RMB 500,000 in total, but customs detained only 200 pieces worth "
                     "RMB 60,000 ex officio. How much guarantee?")
    assert "<b>Guarantee: RMB 30,000</b>" in html
    assert "RMB 100,000" not in html  # the whole shipment's tier


def test_a_recordation_ends_with_the_right_when_the_right_expires_first(alice: Chat) -> None:
    html = alice.say("Our trademark registration expires on 1 May 2028 and the recordation was approved on "
                     "1 March 2022. When does the recordation expire?")
    assert "<b>Recordation valid until Monday 1 May 2028, when the right expires</b>" in html
    assert "10 years would run to Sunday 29 February 2032" in html
    assert "Regulations Art. 10" in html


def test_a_rights_expiry_alone_is_a_cap_and_the_approval_date_is_asked_for(alice: Chat) -> None:
    html = alice.say("我们的专利2029年3月1日到期，备案什么时候到期？")
    assert "最迟到2029年3月1日" in html
    assert "准予备案的日期" in html
    assert "备案有效期至" not in html  # the patent's expiry is never taken for the approval (that gave 2039)


def test_a_right_that_outlasts_the_ten_years_leaves_the_term_and_says_to_renew(alice: Chat) -> None:
    html = alice.say("商标注册2040年5月1日到期，海关备案2022年3月1日批的，备案到哪天？")
    assert "<b>备案有效期至2032年2月29日（星期日）</b>" in html
    assert "您的知识产权有效期到2040年5月1日" in html


def test_a_guarantee_question_without_a_readable_value_asks_for_it_and_shows_no_example(alice: Chat) -> None:
    html = alice.say("How much bond for our goods?")
    assert "I need the value of the goods in RMB" in html
    assert "Guarantee: RMB" not in html
    assert "🧮 Calculator" in labels(alice.last)


def test_a_value_in_another_currency_is_not_converted(alice: Chat) -> None:
    html = alice.say("Goods worth USD 10,000, customs found them. What guarantee?")
    assert "I cannot convert USD 10,000" in html


def test_a_date_with_no_named_time_limit_offers_the_limits_and_one_press_computes(alice: Chat) -> None:
    html = alice.say("Something happened on 2026-09-30, what is the deadline?")
    assert "Which time limit runs from Wednesday 30 September 2026?" in html
    replies = alice.press_label("Reply to a customs notice")
    assert "<b>Last day: Saturday 10 October 2026</b>" in html_of(replies)


def test_calc_walks_through_route_and_value(alice: Chat) -> None:
    assert "What shall I compute?" in alice.say("/calc")
    alice.press_label("Guarantee for a value")
    alice.press_label("Customs found them")
    assert "Type the value of the goods in RMB" in html_of(alice.last)
    assert "<b>Guarantee: RMB 25,000</b>" in alice.say("50k")


def test_calc_walks_through_a_time_limit_and_a_date_in_chinese(services: FakeServices) -> None:
    chen = Chat(Dialog(services), ALICE, "陈", language_code="zh")
    assert "请选择要计算的内容" in chen.say("/calc")
    chen.press_label("期限的最后一天")
    chen.press_label("答复海关通知")
    assert "2026年2月25日（星期三）" in chen.say("2026年2月13日")


def test_calc_recordation_term_from_a_typed_approval_date(alice: Chat) -> None:
    alice.say("/calc")
    alice.press_label("Recordation expiry and renewal")
    assert "Thursday 14 March 2030" in alice.say("2020-03-15")


def test_an_unreadable_value_is_asked_again_and_the_step_kept(alice: Chat) -> None:
    alice.say("/calc")
    alice.press_label("Guarantee for a value")
    alice.press_label("Not sure")
    assert "I could not read an amount" in alice.say("quite a lot")
    assert "I could not read an amount" in alice.say("USD 5,000")
    html = alice.say("三十万")
    assert "RMB 100,000" in html and "RMB 300,000" in html


def test_a_typed_range_or_bound_is_asked_again_not_computed(alice: Chat) -> None:
    alice.say("/calc")
    alice.press_label("Guarantee for a value")
    alice.press_label("Customs found them")
    assert "I could not read an amount" in alice.say("50-60k")  # never the guarantee of RMB 50
    assert "I could not read an amount" in alice.say("over 50k")
    assert "I could not read an amount" in alice.say("5万多")
    assert "<b>Guarantee: RMB 25,000</b>" in alice.say("50k")


def test_a_walk_through_survives_a_restart(services: FakeServices, alice: Chat) -> None:
    alice.say("/calc")
    alice.press_label("Last day of a time limit")
    alice.press_label("Court notice, application")
    restarted = Chat(Dialog(services), ALICE, "Alice")  # a new process: the step is read from the database
    assert "Tuesday 29 September 2026" in restarted.say("1 September 2026")


def test_cancel_leaves_the_calculator_and_the_next_text_is_a_question(services: FakeServices, alice: Chat) -> None:
    alice.say("/calc")
    alice.press_label("Guarantee for a value")
    alice.press_label("We apply")
    alice.say("/cancel")
    alice.say("Who may record a trademark, worth 50000?")
    assert services.retriever.asked[-1] == "Who may record a trademark, worth 50000?"


@dataclass
class OneEntryRetriever(FakeRetriever):
    """An engine that answers every question with one entry, given as (id, title, text, legal basis)."""

    entry: tuple[str, str, str, str] = ("", "", "", "")

    def ask(self, question: str, lang: str | None = None) -> Answer:
        self.asked.append(question)
        entry_id, title, text, basis = self.entry
        return Answer(question, True, 0.9, "en", text, title, basis, None, entry_id)


def worked_example() -> OneEntryRetriever:
    """The entry worked for goods worth RMB 100,000."""
    return OneEntryRetriever(
        entry=(
            "guarantees#worth-100000",
            "What guarantee for goods worth RMB 100,000?",
            "Goods worth RMB 100,000 need a RMB 50,000 guarantee ex officio.",
            "Measures Art. 23",
        )
    )


def test_a_worked_example_for_another_value_is_never_the_answer(services: FakeServices, alice: Chat) -> None:
    services.retriever = worked_example()
    html = alice.say("Goods worth RMB 50,000 were fined; is the example the same for us?")
    assert "works an example for another figure" in html
    assert "RMB 50,000 guarantee" not in html
    assert "Ask an officer" in labels(alice.last)


def test_a_withheld_example_offers_the_calculator_to_work_out_ones_own(services: FakeServices, alice: Chat) -> None:
    services.retriever = worked_example()
    alice.say("Goods worth RMB 50,000 were fined; is the example the same for us?")

    alice.press_label("Calculator")
    assert "How were (or will) the goods be detained?" in html_of(alice.last)


def test_an_example_entry_does_not_answer_a_question_that_gives_no_value(services: FakeServices, alice: Chat) -> None:
    services.retriever = worked_example()
    html = alice.say("What are the storage costs like?")
    assert "works an example for another figure" in html


def test_an_entry_about_guarantee_amounts_offers_the_calculator(services: FakeServices, alice: Chat) -> None:
    services.retriever = OneEntryRetriever(
        entry=(
            "guarantees#application",
            "How much guarantee on the application route?",
            "On the application route the guarantee equals the value of the goods.",
            "Measures Art. 15",
        )
    )
    html = alice.say("How much guarantee on the application route?")
    assert "equals the value of the goods" in html
    alice.press_label("Calculator")
    assert "How were (or will) the goods be detained?" in html_of(alice.last)


def test_a_two_part_question_gets_the_figure_and_the_entry_for_its_other_part(alice: Chat) -> None:
    html = alice.say("Goods worth RMB 50,000 detained ex officio, how much guarantee? And who may record a trademark?")
    assert "<b>Guarantee: RMB 25,000</b>" in html
    assert "<b>Who can record an IPR with customs?</b>" in html and "Regulations Art. 7" in html


def test_a_last_day_asked_without_a_question_word_still_gets_the_entry_for_the_other_part(alice: Chat) -> None:
    html = alice.say("Customs notice served on 2 March 2026, last day to reply? And who may record a trademark?")
    assert "<b>Last day: Thursday 5 March 2026</b>" in html
    assert "<b>Who can record an IPR with customs?</b>" in html


def test_a_period_asked_without_a_date_is_stated_with_its_article_and_the_calculator_asks_the_date(
    alice: Chat,
) -> None:
    html = alice.say("How many working days do we have to reply to a customs notice?")
    assert html.startswith("<b>3 working days</b>: Reply to customs' notice")
    assert "Legal basis: Regulations Art. 16; Measures Art. 22" in html
    assert "Give me the date it counts from" in html
    assert "Type the date it counts from" in html_of(alice.press_label("Calculator"))
    assert "<b>Last day: Saturday 10 October 2026</b>" in alice.say("2026-09-30")


def test_a_two_part_question_gets_both_computations(alice: Chat) -> None:
    html = alice.say(
        "Customs in Dalian just emailed us a notice, declared value RMB 50,000. How many days do we have to "
        "respond and how much guarantee if we want them held?"
    )
    assert "<b>Guarantee: RMB 25,000</b>" in html and "RMB 50,000</b>" not in html  # customs' notice: ex officio
    assert "<b>3 working days</b>: Reply to customs' notice" in html
    both = alice.say("货值50万，依职权和依申请的担保分别是多少")  # both routes named: both answered
    assert "<b>RMB 100,000</b>" in both and "<b>RMB 500,000</b>" in both


def test_a_last_day_asked_without_a_date_asks_for_it_and_states_the_period(alice: Chat) -> None:
    html = alice.say("We got a customs notice last week, what's our last day to reply?")
    assert html.startswith("To count the days I need the date it started")
    assert "<b>3 working days</b>" in html and "Regulations Art. 16" in html


def test_a_confident_entry_answers_with_the_period_added_unless_it_states_the_period_itself(
    services: FakeServices, alice: Chat
) -> None:
    services.retriever = OneEntryRetriever(
        entry=(
            "time-limits#notice-reply",
            "How long do we have to reply to customs' notice?",
            "3 working days from service of the notice: apply for detention in writing and lodge the guarantee.",
            "Regulations Art. 16",
        )
    )
    html = alice.say("How many days do we have to reply to the customs notice, and in what form?")
    assert "apply for detention in writing" in html and "Give me the date it counts from" not in html
    services.retriever = OneEntryRetriever(
        entry=("ex-officio#what", "What does customs do?", "It may detain the goods.", "Regulations Art. 16")
    )
    html = alice.say("How many days do we have to reply to the customs notice?")
    # A confident entry that does not state it may still be what was asked: the entry, then the table's period.
    assert "It may detain the goods." in html and "<b>3 working days</b>" in html
    assert html.index("It may detain") < html.index("<b>3 working days</b>")


def test_a_dated_deadline_with_a_second_limit_asked_gets_that_limit_as_a_period_not_twice_the_first(
    alice: Chat,
) -> None:
    html = alice.say("Customs detained our goods ex officio on 6 May 2026. How long is the investigation at most? "
                     "And if they cannot decide, how long can they hold the goods?")
    assert "<b>Last day: Tuesday 16 June 2026</b>" in html  # 30 working days from 6 May, 9 May worked
    assert "<b>50 working days</b>" in html and html.count("30 working days") == 1


def test_a_recordations_dates_asked_without_a_date_get_the_entry_then_the_rule_and_what_to_send(
    services: FakeServices, alice: Chat
) -> None:
    question = ("Our customs recordal expires next spring. When is the window to renew, and how long does each "
                "renewal last?")
    html = alice.say(question)  # no confident entry: the rule and the dates it needs, never a notice's date
    assert "10 years from the day GACC approves it" in html and "6 months before it expires" in html
    assert "approved on 1 March 2022" in html and "notice served" not in html
    services.retriever = OneEntryRetriever(
        entry=("recordation-decision#renewal-window", "When can we renew a recordation?",
               "In the 6 months before it expires; each renewal lasts 10 years.", "Regulations Art. 10")
    )
    html = alice.say(question)
    assert html.index("In the 6 months before it expires") < html.index("tell me the approval date")


def test_a_guarantee_asked_without_a_value_gets_a_confident_entry_first_unless_it_works_an_amount(
    services: FakeServices, alice: Chat
) -> None:
    question = "Customs is holding our goods on a patent claim. Can we pay a guarantee to get them released, how much?"
    services.retriever = OneEntryRetriever(
        entry=("release-of-goods#patent-counter-guarantee", "Can the consignee get goods released on a guarantee?",
               "Yes, in patent cases: a guarantee equal to the value of the goods.", "Regulations Art. 19")
    )
    html = alice.say(question)
    assert html.index("equal to the value of the goods") < html.index("I need the value of the goods in RMB")
    services.retriever = worked_example()  # works RMB 100,000: read as theirs, so only the request for the value
    html = alice.say(question)
    assert "RMB 50,000 guarantee" not in html and "I need the value of the goods in RMB" in html


def test_a_date_with_a_time_limit_outside_the_table_gets_the_confident_entry_before_the_choice_of_limits(
    services: FakeServices, alice: Chat
) -> None:
    question = ("Got the customs penalty decision yesterday and we think it's wrong. What's the time limit to "
                "apply for administrative reconsideration?")
    services.retriever = OneEntryRetriever(
        entry=("challenging-decisions#reconsideration", "How do we apply for administrative reconsideration?",
               "Apply to the customs office one level above within 60 days of knowing of the decision.",
               "Administrative Reconsideration Law Art. 20")
    )
    html = alice.say(question)
    assert html.index("within 60 days of knowing") < html.index("Which time limit runs from")
    services.retriever = OneEntryRetriever(  # an entry that states a date of its own is never put before it
        entry=("time-limits#example", "A notice served on 3 March 2026", "Reply by 6 March 2026.", "Art. 16")
    )
    html = alice.say(question)
    assert "6 March 2026" not in html and "Which time limit runs from" in html


def test_a_guarantee_asked_with_no_route_and_no_value_gets_no_single_routes_entry(
    services: FakeServices, alice: Chat
) -> None:
    """'How much bond for our goods?' names neither route: one route's entry first would be a guess."""
    services.retriever = OneEntryRetriever(
        entry=("guarantees#application-amount", "How much guarantee do I pay on the application route?",
               "On the application route the guarantee equals the value of the goods.", "Regulations Art. 14")
    )
    html = alice.say("how much bond for our goods?")
    assert "equals the value of the goods" not in html and "I need the value of the goods in RMB" in html
    services.retriever = OneEntryRetriever(  # an entry on no route of its own still comes first
        entry=("guarantees#counter-guarantee", "Can the goods be released on a guarantee?",
               "Yes: a guarantee equal to the value of the goods.", "Regulations Art. 19")
    )
    html = alice.say("how much bond for our goods?")
    assert html.index("equal to the value of the goods") < html.index("I need the value of the goods in RMB")
