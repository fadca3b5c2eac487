"""Judging the calculator on a question set (bot.core.computed_scores): a figure counts only for what was asked."""

from __future__ import annotations

import datetime as dt

from bot.core.computed_scores import ComputedQuestion, score
from tests.fakes.fake_services import FakeRetriever

TODAY = dt.date(2026, 11, 29)
GUARANTEE_Q = "Goods worth RMB 50,000 were detained ex officio. How much guarantee?"
DEADLINE_Q = "We were served the customs notice on 30 September 2026. What is the last day to reply?"


def verdicts(*questions: ComputedQuestion) -> dict[str, int]:
    return dict(score(FakeRetriever(), questions).total())


def test_the_right_figure_for_what_was_asked_is_exact() -> None:
    assert verdicts(
        ComputedQuestion(GUARANTEE_Q, "en", "guarantee", TODAY, {"route": "ex_officio", "amount": 25000}),
        ComputedQuestion(DEADLINE_Q, "en", "deadline", TODAY, {"limit": "notice_reply", "date": "2026-10-10"}),
    ) == {"exact": 2}


def test_a_last_day_given_for_a_guarantee_question_is_wrong_not_exact() -> None:
    asked = ComputedQuestion(DEADLINE_Q, "en", "guarantee", TODAY, {"route": "ex_officio", "amount": 25000})
    assert verdicts(asked) == {"wrong": 1}


def test_a_guarantee_given_for_a_deadline_question_is_wrong() -> None:
    asked = ComputedQuestion(GUARANTEE_Q, "en", "deadline", TODAY, {"limit": "notice_reply", "date": "2026-10-10"})
    assert verdicts(asked) == {"wrong": 1}


def test_a_term_given_for_a_guarantee_question_is_wrong() -> None:
    asked = ComputedQuestion(
        "Our recordation was approved on 2016-03-15; when does it expire?",
        "en",
        "guarantee",
        TODAY,
        {"route": "ex_officio", "amount": 25000},
    )
    assert verdicts(asked) == {"wrong": 1}



def test_a_date_asked_without_one_is_right_with_an_entry_before_the_request_unless_the_entry_works_a_date() -> None:
    from dataclasses import dataclass

    from bot.core.computed_scores import verdict
    from bot.core.desk import DeskAnswer, answer_question
    from bot.core.texts import Html
    from bot.retrieval.answers import Answer
    from bot.rules.calculator import Calculator

    @dataclass
    class DatedEntry(FakeRetriever):
        text: str = ""

        def ask(self, question: str, lang: str | None = None) -> Answer:
            return Answer(question, True, 0.9, "en", self.text, "When can we renew?", "Regulations Art. 10", None,
                          "recordation-decision#renewal-window")

    asked = ComputedQuestion("our recordal was approved some years ago, when does it expire and when can we renew?",
                             "en", "recordation", TODAY, {"unreadable": True})
    rule = DatedEntry(text="In the 6 months before it expires; each renewal lasts 10 years.")
    worked = DatedEntry(text="Approved on 1 March 2020, it expires on 29 February 2030; renew from 1 September 2029.")
    assert dict(score(rule, [asked]).total()) == {"asked_for_figure": 1}
    # The desk withholds an entry that works a date; were it shown before the request, the figure would be wrong.
    desk = answer_question(asked.question, worked, Calculator(today=lambda: TODAY))
    assert desk.clarify is not None and not desk.entry_shown and verdict(asked, desk) == "asked_for_figure"
    shown = DeskAnswer(asked.question, "en", worked.ask(asked.question), clarify=desk.clarify, entry_shown=True,
                       html=Html(worked.text))
    assert verdict(asked, shown) == "wrong"
