"""Scoring the calculator on a question set: the share answered with the exact figure, and every wrong figure.

A line of such a set (tests/eval/computed.jsonl, written by someone who never saw the knowledge base):
{"question", "lang", "kind": guarantee|deadline|recordation, "today": "YYYY-MM-DD", "split",
 "expect": {"route", "amount"} | {"route": "both", "amount_ex_officio", "amount_application"} |
           {"limit", "date"} | {"expires", "renewal_opens"} | {"unreadable": true}}
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from bot.core.desk import DeskAnswer, answer_question
from bot.core.ports import RetrieverPort
from bot.rules.calculator import Calculator, Computed
from bot.rules.calendar import WorkingCalendar
from bot.rules.figures import example_values, read_figures, works_a_figure

# The verdicts, best first. "both_routes": the right figure for each route, side by side, where the question
# named one route; not wrong, but not the exact answer either.
# "asked_for_figure": the question gave no readable figure and the desk asked for it (right); "missed_figure": it
# gave one and the desk asked anyway (not wrong, a miss).
VERDICTS = ("exact", "both_routes", "asked_for_figure", "missed_figure", "not_computed", "wrong")


@dataclass(frozen=True)
class ComputedQuestion:
    question: str
    lang: str
    kind: str
    today: dt.date
    expect: dict[str, Any]
    split: str = "tune"


@dataclass
class ComputedScores:
    """Counts of verdicts per language; `wrong_examples` lists the wrong answers, to read."""

    by_lang: dict[str, Counter[str]] = field(default_factory=dict)
    wrong_examples: list[str] = field(default_factory=list)

    def add(self, question: ComputedQuestion, verdict: str, desk: DeskAnswer) -> None:
        self.by_lang.setdefault(question.lang, Counter())[verdict] += 1
        if verdict == "wrong":
            self.wrong_examples.append(f"{question.question} -> {desk.plain_text[:160]!r}")

    def total(self) -> Counter[str]:
        return sum(self.by_lang.values(), Counter())

    def as_json(self) -> dict[str, object]:
        return {
            "all": dict(self.total()),
            **{lang: dict(c) for lang, c in self.by_lang.items()},
            "wrong_examples": self.wrong_examples,
        }


def is_computed_set(path: Path) -> bool:
    """Whether a JSONL file is a computed-question set (its lines carry `expect`)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "expect" in json.loads(line)
    return False


def load_computed(path: Path) -> list[ComputedQuestion]:
    """Read a computed-question set; a bad line names its number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            questions.append(
                ComputedQuestion(
                    str(r["question"]),
                    str(r.get("lang") or "en"),
                    str(r["kind"]),
                    dt.date.fromisoformat(str(r["today"])),
                    dict(r["expect"]),
                    str(r.get("split") or "tune"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a computed question ({exc})") from exc
    return questions


def score(
    retriever: RetrieverPort, questions: Iterable[ComputedQuestion], calendar: WorkingCalendar | None = None
) -> ComputedScores:
    """Ask every question as the desk would on the question's `today`, and judge the figure it gave."""
    scores = ComputedScores()
    calendar = calendar or WorkingCalendar()
    for q in questions:
        calculator = Calculator(calendar, today=lambda q=q: q.today)  # type: ignore[misc]
        desk = answer_question(q.question, retriever, calculator)
        scores.add(q, verdict(q, desk), desk)
    return scores


def verdict(q: ComputedQuestion, desk: DeskAnswer) -> str:
    """How the desk did on one question (one of VERDICTS)."""
    if q.expect.get("unreadable"):
        # Asking for the figure is right; an entry before the request is too, unless it works a figure (a date or
        # an amount) the asker could take for theirs.
        entry = f"{desk.retrieved.title}\n{desk.retrieved.text}"  # the request's own format examples aside
        if not desk.answered or (desk.clarify is not None and not works_a_figure(entry, q.today)):
            return "asked_for_figure"
        return "wrong"
    if desk.computed is not None:
        return _judge_computed(q, desk.computed)
    if desk.clarify is not None or not desk.answered:
        return "missed_figure" if desk.clarify is not None else "not_computed"
    return "wrong" if _states_other_figure(q, desk.plain_text) else "not_computed"


def _judge_computed(q: ComputedQuestion, computed: Computed) -> str:
    e = q.expect
    # A figure for another question than the one asked (a last day for a guarantee question) is a wrong figure.
    gave = {
        "guarantee": bool(computed.guarantees),
        "deadline": bool(computed.deadlines),
        "recordation": computed.term is not None,
    }
    if not gave.get(q.kind, False):
        return "wrong"
    if computed.guarantees:
        got = {g.route.value: g.amount for g in computed.guarantees}
        if e.get("route") == "both":
            want = {
                "ex_officio": Decimal(str(e["amount_ex_officio"])),
                "application": Decimal(str(e["amount_application"])),
            }
            return "exact" if got == want else "wrong"
        want_route, amount = str(e.get("route")), Decimal(str(e.get("amount")))
        if got.get(want_route) != amount:
            return "wrong"
        return "exact" if len(got) == 1 else "both_routes"
    if computed.deadlines:
        got_dates = {d.limit.key: d.count.due.isoformat() for d in computed.deadlines}
        if got_dates.get(str(e.get("limit"))) != e.get("date"):
            return "wrong"
        return "exact" if len(got_dates) == 1 else "both_routes"
    if computed.term is not None:
        term = computed.term
        right = term.expires.isoformat() == e.get("expires") and term.renewal_opens.isoformat() == e.get(
            "renewal_opens"
        )
        return "exact" if right else "wrong"
    return "wrong"


def _states_other_figure(q: ComputedQuestion, answer: str) -> bool:
    """An entry given instead of a computation: wrong when it works an example for another value."""
    if q.kind == "guarantee" and "amount" in q.expect:
        examples = example_values(answer)
        return bool(examples) and Decimal(str(q.expect["amount"])) not in examples
    if q.kind == "deadline" and "date" in q.expect:
        dates = {d.value.isoformat() for d in read_figures(answer, q.today).dates}
        return bool(dates) and q.expect["date"] not in dates
    return False


def format_scores(scores: ComputedScores) -> str:
    """One line per language and one for all: counts and the share answered with the exact figure."""
    lines = []
    for lang, counts in [*sorted(scores.by_lang.items()), ("all", scores.total())]:
        n = sum(counts.values())
        figure_asked = n - counts["asked_for_figure"]
        exact = counts["exact"] / figure_asked if figure_asked else 0.0
        parts = " · ".join(f"{v} {counts[v]}" for v in VERDICTS)
        lines.append(f"computed {lang:3} n={n:3}  exact figure {exact:.3f} of those with a figure  ·  {parts}")
    lines += [f"  wrong: {example}" for example in scores.wrong_examples]
    return "\n".join(lines)
