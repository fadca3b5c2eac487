"""Scoring a blind question set: facts found in what the user reads, per language, wrong versus declined."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.retrieval.evaluation import GROUPS, Outcome, Question, carries, fact_row, load_questions, normalise, score


def test_normalise_drops_case_spaces_and_thousands_separators() -> None:
    assert normalise("RMB 100,000 within 30 Working Days") == "rmb100000within30workingdays"
    assert normalise("1,234,567 and 3,5") == "1234567and3,5"  # a decimal comma is no thousands separator
    # A hyphen between letters is how a phrase is spelled, not what it says; between figures it stays.
    assert carries("the next-higher customs authority", (("next higher",),))
    assert normalise("Ex-officio 2026-09-30") == "exofficio2026-09-30"


def test_every_fact_needs_one_of_its_alternatives() -> None:
    facts = (("200,000", "20万"), ("30 June", "6月30日"))

    assert carries("at least RMB 200000, valid until 30 june", facts)
    assert carries("至少20万元，有效期至次年6月30日", facts)
    assert not carries("at least RMB 200,000", facts)
    assert carries("anything", ())


def test_a_figure_is_matched_whole_not_inside_a_larger_one() -> None:
    floor = (("20,000", "2万"),)

    assert not carries("the general guarantee is at least RMB 200,000", floor)
    assert not carries("总担保不少于20万元", floor)
    assert carries("at least RMB 20,000 per shipment", floor)
    assert carries("最低2万元", floor)
    assert carries("30 working days", (("30 working days",),))
    assert not carries("130 working days", (("30 working days",),))


def test_the_blind_format_loads_with_scope_facts_and_split(tmp_path: Path) -> None:
    path = tmp_path / "blind.jsonl"
    rows = [
        {"question": "bond?", "lang": "en", "scope": "in", "facts": [["100,000"]], "topic": "g", "split": "holdout"},
        {"question": "weather?", "lang": "en", "scope": "out", "facts": [], "topic": "x", "split": "tune"},
        {"question": "old", "expected": ["a#b"], "lang": "zh"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")

    first, second, old = load_questions(path)

    assert (first.in_scope, first.facts, first.split) == (True, (("100,000",),), "holdout")
    assert (second.in_scope, second.facts) == (False, ())
    assert (old.in_scope, old.split) == (True, "tune")


def test_a_bad_scope_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"question": "q", "scope": "maybe"}\n', encoding="utf-8")

    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load_questions(path)


def outcome(lang: str, scope: str, answered: bool, text: str = "") -> Outcome:
    question = Question(question="q", expected=(), lang=lang, facts=(("30 working days",),) if scope == "in" else (),
                        scope=scope)
    return Outcome(question, (), answered, 0.5, text)


def test_answered_with_the_fact_declined_and_wrong_are_told_apart_per_language() -> None:
    outcomes = [
        outcome("en", "in", True, "within 30 working days"),  # with the fact
        outcome("en", "in", True, "within 3 working days"),  # wrong: the fact is missing
        outcome("en", "in", False),  # declined: never wrong
        outcome("zh", "out", True, "something"),  # wrong: out of scope answered
        outcome("zh", "out", False),
    ]

    rows = score("hybrid", outcomes).facts

    assert set(rows) == set(GROUPS)
    en, zh, everything = rows["en"], rows["zh"], rows["all"]
    assert (en.in_scope, en.with_fact, en.declined, en.wrong_in_scope) == (3, 1 / 3, 1 / 3, 1 / 3)
    assert (zh.out_of_scope, zh.out_declined, zh.wrong) == (2, 0.5, 0.5)
    assert everything.wrong == 2 / 5
    assert fact_row([]).with_fact == 0.0


def test_a_decline_counts_as_one_tap_away_only_when_an_offered_topic_carries_the_facts() -> None:
    base = outcome("en", "in", False)
    offered_right = Outcome(base.question, (), False, 0.2, "", "", ("other", "within 30 working days"))
    offered_wrong = Outcome(base.question, (), False, 0.2, "", "", ("within 3 working days",))
    answered = Outcome(base.question, (), True, 0.9, "within 30 working days", "", ("within 30 working days",))
    out_of_scope = Outcome(outcome("en", "out", False).question, (), False, 0.1, "", "", ("anything",))

    assert [o.fact_offered for o in (offered_right, offered_wrong, answered, out_of_scope)] == [
        True, False, False, False]
    row = fact_row([offered_right, offered_wrong, answered])
    assert (row.declined, row.fact_offered) == (2 / 3, 1 / 3)
