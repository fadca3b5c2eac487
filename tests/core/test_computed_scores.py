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
