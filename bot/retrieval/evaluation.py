"""Score a question set, for each retrieval method side by side: whether the answer a user reads carries the
fact asked for (question sets with `facts`), and recall, MRR and the decline decision (sets with `expected`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.retrieval.answers import Answer
from bot.retrieval.search import METHODS, Retriever

# What a user reads for a question: (answered, the answer's plain text). The CLI passes the desk's (computed
# answers first, then the entry); without one, the engine's answer is read.
Answerer = Callable[[str], tuple[bool, str]]
GROUPS = ("en", "zh", "all")


@dataclass(frozen=True)
class Question:
    question: str
    expected: tuple[str, ...]  # entry ids that answer it; empty: out of scope, or judged by `facts`
    lang: str
    split: str = "tune"
    # Each inner tuple is one required fact; the answer must contain one of its alternatives.
    facts: tuple[tuple[str, ...], ...] = ()
    scope: str = ""  # "in" or "out"; empty in the older format, where an empty `expected` means out of scope
    topic: str = ""

    @property
    def in_scope(self) -> bool:
        return self.scope == "in" if self.scope else bool(self.expected)


def normalise(text: str) -> str:
    """How an answer and a fact are compared: lower-cased, without any space, thousands separator or hyphen
    between letters (`RMB 100,000` and `rmb100000` meet; so do "next-higher" and "next higher")."""
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", "", text.lower())
    return re.sub(r"\s+", "", re.sub(r"(?<=\d)[,，](?=\d{3}(?!\d))", "", text))


def carries(text: str, facts: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the text holds every required fact (one alternative of each). A figure is matched whole: with
    the separators gone, "RMB 20,000" must not be found inside "RMB 200,000"."""
    plain = normalise(text)
    return all(any(_holds(plain, normalise(alt)) for alt in alternatives) for alternatives in facts)


def _holds(plain: str, alt: str) -> bool:
    if not alt or not (alt[0].isdigit() or alt[-1].isdigit()):
        return alt in plain
    head = r"(?<!\d)" if alt[0].isdigit() else ""
    tail = r"(?!\d)" if alt[-1].isdigit() else ""
    return re.search(f"{head}{re.escape(alt)}{tail}", plain) is not None


def plain_answer(answer: Answer) -> str:
    """The engine's answer as read: its title, text and legal basis, then any second entry's."""
    parts = [answer.title, answer.text, answer.legal_basis or ""]
    for extra in answer.also:
        parts += [extra.title, extra.text, extra.legal_basis or ""]
    return "\n".join(parts) if answer.answered else ""


@dataclass(frozen=True)
class Outcome:
    """What one method did with one question."""

    question: Question
    ranked: tuple[str, ...]
    answered: bool
    confidence: float
    text: str = ""  # what the user read ("" when declined)
    top_text: str = ""  # the best entry's text whether answered or not, for threshold sweeps
    offered: tuple[str, ...] = ()  # the texts of the nearest topics a decline offers as buttons

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected entry, None when absent."""
        return next((i + 1 for i, e in enumerate(self.ranked) if e in self.question.expected), None)

    @property
    def with_fact(self) -> bool:
        """Answered, in scope, and the answer carries every required fact."""
        return self.answered and self.question.in_scope and carries(self.text, self.question.facts)

    @property
    def fact_offered(self) -> bool:
        """Declined, in scope, and a topic the decline offers carries every required fact: one tap away."""
        return (not self.answered and self.question.in_scope and bool(self.question.facts)
                and any(carries(text, self.question.facts) for text in self.offered))

    @property
    def wrong(self) -> bool:
        """Answered, but out of scope or without a required fact. A decline is never wrong."""
        return self.answered and not self.with_fact


@dataclass
class FactRow:
    """Shares for one language (or all): in-scope shares are of in-scope questions, `wrong` of all questions."""

    in_scope: int = 0
    out_of_scope: int = 0
    with_fact: float = 0.0  # answered with every required fact
    declined: float = 0.0  # in-scope questions declined
    fact_offered: float = 0.0  # in-scope questions declined with a topic offered that carries the facts
    wrong_in_scope: float = 0.0  # in-scope questions answered without a required fact
    out_declined: float = 0.0  # out-of-scope questions declined
    wrong: float = 0.0  # answered wrongly, in or out of scope, of all questions


@dataclass
class Scores:
    method: str
    in_scope: int = 0
    out_of_scope: int = 0
    recall_at_1: float = 0.0
    recall_at_3: float = 0.0
    mrr: float = 0.0
    answered_in_scope: float = 0.0  # share of in-scope questions answered
    declined_out_of_scope: float = 0.0  # share of out-of-scope questions declined
    precision: float = 0.0  # share of answered questions whose answer was an expected entry
    by_lang: dict[str, float] = field(default_factory=dict)  # recall@3 per language
    facts: dict[str, FactRow] = field(default_factory=dict)  # per GROUPS, for questions with facts


def load_questions(path: Path) -> list[Question]:
    """Read a JSONL question set; a bad line names its number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            questions.append(_question(json.loads(line)))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}:{number}: not a question object ({exc})") from exc
    return questions


def _question(record: dict[str, object]) -> Question:
    scope = str(record.get("scope") or "")
    if scope not in ("", "in", "out"):
        raise ValueError(f"scope is {scope!r}, not 'in' or 'out'")
    facts = tuple(tuple(str(alt) for alt in fact) for fact in record.get("facts") or ())  # type: ignore[attr-defined]
    if any(not fact for fact in facts):
        raise ValueError("a fact without alternatives")
    return Question(
        question=str(record["question"]),
        expected=tuple(record.get("expected") or ()),  # type: ignore[arg-type]
        lang=str(record.get("lang") or "en"),
        split=str(record.get("split") or "tune"),
        facts=facts,
        scope=scope,
        topic=str(record.get("topic") or ""),
    )


def run(retriever: Retriever, questions: Iterable[Question], method: str,
        answerer: Answerer | None = None) -> list[Outcome]:
    """Every question through one method; `answerer` (the hybrid line only) gives what the user reads."""
    texts = {s.id: f"{s.title}\n{s.text}\n{s.legal_basis or ''}" for s in retriever.sections()}
    outcomes = []
    for q in questions:
        answer = retriever.ask(q.question, method=method)
        answered, text = answerer(q.question) if answerer else (answer.answered, plain_answer(answer))
        top = texts.get(answer.sources[0].id, "") if answer.sources else ""
        offered = () if answered else tuple(texts.get(s.id, "") for s in answer.related)
        outcomes.append(
            Outcome(q, tuple(s.id for s in answer.sources), answered, answer.confidence, text if answered else "",
                    top, offered)
        )
    return outcomes


def score(method: str, outcomes: list[Outcome]) -> Scores:
    inside = [o for o in outcomes if o.question.in_scope]
    outside = [o for o in outcomes if not o.question.in_scope]
    s = Scores(method=method, in_scope=len(inside), out_of_scope=len(outside))
    ranked = [o for o in inside if o.question.expected]
    if ranked:
        ranks = [o.rank for o in ranked]
        s.recall_at_1 = sum(1 for r in ranks if r == 1) / len(ranked)
        s.recall_at_3 = sum(1 for r in ranks if r is not None and r <= 3) / len(ranked)
        s.mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranked)
        for lang in sorted({o.question.lang for o in ranked}):
            group = [o for o in ranked if o.question.lang == lang]
            s.by_lang[lang] = sum(1 for o in group if o.rank is not None and o.rank <= 3) / len(group)
        answered = [o for o in outcomes if o.answered and (o.question.expected or not o.question.in_scope)]
        if answered:
            s.precision = sum(1 for o in answered if o.rank == 1) / len(answered)
    if inside:
        s.answered_in_scope = sum(o.answered for o in inside) / len(inside)
    if outside:
        s.declined_out_of_scope = sum(not o.answered for o in outside) / len(outside)
    if any(o.question.facts or o.question.scope for o in outcomes):
        s.facts = {group: fact_row([o for o in outcomes if group in ("all", o.question.lang)]) for group in GROUPS}
    return s


def fact_row(outcomes: list[Outcome]) -> FactRow:
    inside = [o for o in outcomes if o.question.in_scope]
    outside = [o for o in outcomes if not o.question.in_scope]
    row = FactRow(in_scope=len(inside), out_of_scope=len(outside))
    if inside:
        row.with_fact = sum(o.with_fact for o in inside) / len(inside)
        row.declined = sum(not o.answered for o in inside) / len(inside)
        row.fact_offered = sum(o.fact_offered for o in inside) / len(inside)
        row.wrong_in_scope = sum(o.wrong for o in inside) / len(inside)
    if outside:
        row.out_declined = sum(not o.answered for o in outside) / len(outside)
    if outcomes:
        row.wrong = sum(o.wrong for o in outcomes) / len(outcomes)
    return row


def evaluate(retriever: Retriever, questions: list[Question],
             answerer: Answerer | None = None) -> dict[str, tuple[Scores, list[Outcome]]]:
    """Every method on the same questions; the hybrid line reads what `answerer` gives, when there is one."""
    results = {}
    for method in METHODS:
        outcomes = run(retriever, questions, method, answerer if method == "hybrid" else None)
        results[method] = (score(method, outcomes), outcomes)
    return results


def sweep(outcomes: list[Outcome], steps: int = 100) -> list[tuple[float, float, float]]:
    """(threshold, answered in-scope share, declined out-of-scope share) for thresholds 0..1."""
    inside = [o.confidence for o in outcomes if o.question.in_scope]
    outside = [o.confidence for o in outcomes if not o.question.in_scope]
    rows = []
    for i in range(steps + 1):
        t = i / steps
        answered = sum(c >= t for c in inside) / len(inside) if inside else 0.0
        declined = sum(c < t for c in outside) / len(outside) if outside else 0.0
        rows.append((t, answered, declined))
    return rows


def best_threshold(outcomes: list[Outcome]) -> tuple[float, float, float]:
    """The threshold that maximises the worse of the two shares (answered in scope, declined out of scope);
    ties go to the middle of the best plateau, so the choice is not pinned to one question."""
    rows = sweep(outcomes)
    best = max(min(a, d) for _, a, d in rows)
    plateau = [r for r in rows if min(r[1], r[2]) == best]
    return plateau[len(plateau) // 2]


def format_table(results: dict[str, Scores]) -> str:
    """The side-by-side table `iprdesk eval` prints: facts when the set has them, ranks when it has
    expected entries, both when it has both."""
    methods = list(results)
    first = results[methods[0]]
    rows: list[tuple[str, Callable[[Scores], str]]] = []
    if first.facts:
        rows += _fact_rows()
    if first.recall_at_3 or not first.facts:
        rows += _rank_rows()
    lines = [f"{'':30}" + "".join(f"{m:>10}" for m in methods)]
    for label, cell in rows:
        lines.append(f"{label:30}" + "".join(f"{cell(results[m]):>10}" for m in methods))
    return "\n".join(lines)


def _fact_rows() -> list[tuple[str, Callable[[Scores], str]]]:
    rows: list[tuple[str, Callable[[Scores], str]]] = []
    for group in GROUPS:
        rows += [
            (f"[{group}] questions in / out", _fact_cell(group, "in_scope", "out_of_scope")),
            (f"[{group}] answered with the fact", _fact_cell(group, "with_fact")),
            (f"[{group}] declined (in scope)", _fact_cell(group, "declined")),
            (f"[{group}]   fact among topics offered", _fact_cell(group, "fact_offered")),
            (f"[{group}] answered wrongly (in)", _fact_cell(group, "wrong_in_scope")),
            (f"[{group}] out of scope declined", _fact_cell(group, "out_declined")),
            (f"[{group}] answered wrongly (all)", _fact_cell(group, "wrong")),
        ]
    return rows


def _fact_cell(group: str, *attrs: str) -> Callable[[Scores], str]:
    """A cell showing one or more FactRow figures of a group (counts as they are, shares to 3 places)."""
    def show(s: Scores) -> str:
        values = [getattr(s.facts[group], attr) for attr in attrs]
        return "/".join(f"{v}" if isinstance(v, int) else f"{v:.3f}" for v in values)
    return show


def _rank_rows() -> list[tuple[str, Callable[[Scores], str]]]:
    return [
        ("questions in scope", lambda s: f"{s.in_scope}"),
        ("questions out of scope", lambda s: f"{s.out_of_scope}"),
        ("recall@1", lambda s: f"{s.recall_at_1:.3f}"),
        ("recall@3", lambda s: f"{s.recall_at_3:.3f}"),
        ("recall@3 en", lambda s: f"{s.by_lang.get('en', 0):.3f}"),
        ("recall@3 zh", lambda s: f"{s.by_lang.get('zh', 0):.3f}"),
        ("MRR", lambda s: f"{s.mrr:.3f}"),
        ("answered (in scope)", lambda s: f"{s.answered_in_scope:.3f}"),
        ("declined (out of scope)", lambda s: f"{s.declined_out_of_scope:.3f}"),
        ("precision@threshold", lambda s: f"{s.precision:.3f}"),
    ]


def fact_sweep(outcomes: list[Outcome], steps: int = 20) -> list[tuple[float, float, float, float]]:
    """(threshold, with the fact, answered wrongly of all, out of scope declined) had the engine's best entry
    been given whenever its confidence reached the threshold: for choosing the threshold on a facts set."""
    rows = []
    inside = [o for o in outcomes if o.question.in_scope]
    outside = [o for o in outcomes if not o.question.in_scope]
    for i in range(steps + 1):
        t = i / steps
        right = sum(o.confidence >= t and carries(o.top_text, o.question.facts) for o in inside)
        wrong = sum(o.confidence >= t for o in inside) - right + sum(o.confidence >= t for o in outside)
        declined = sum(o.confidence < t for o in outside)
        rows.append((t, right / max(len(inside), 1), wrong / max(len(outcomes), 1), declined / max(len(outside), 1)))
    return rows


Rows = dict[str, list[tuple[tuple[float, ...], bool]]]


def fit_confidence(retriever: Retriever, questions: list[Question], l2: float = 0.1) -> dict[str, list[float]]:
    """Logistic regression, per language, of 'has an answer' on Retriever.features: the coefficients of
    Tuning.confidence_en / confidence_zh. Classes are weighted equally, so 0.5 is the balanced threshold."""
    return fit_rows(confidence_rows(retriever, questions), l2)


def confidence_rows(retriever: Retriever, questions: list[Question]) -> Rows:
    """Per language, each question's features and whether it has an answer. With facts, 'has an answer' is
    'the best entry carries the facts': an in-scope question whose best entry misses them should be declined
    too."""
    texts = {s.id: f"{s.title}\n{s.text}\n{s.legal_basis or ''}" for s in retriever.sections()}
    rows: Rows = {}
    for q in questions:
        lang, features = retriever.features(q.question)
        label = q.in_scope
        if label and q.facts:
            answer = retriever.ask(q.question)
            label = bool(answer.sources) and carries(texts.get(answer.sources[0].id, ""), q.facts)
        rows.setdefault(lang, []).append((features, label))
    return rows


def fit_rows(rows: Rows, l2: float = 0.1) -> dict[str, list[float]]:
    """The logistic fit of `confidence_rows`, per language, each class weighted equally."""
    import numpy as np

    fitted = {}
    for lang, data in rows.items():
        x = np.array([[1.0, *f] for f, _ in data])
        y = np.array([1.0 if label else 0.0 for _, label in data])
        positives = max(y.sum(), 1.0)
        negatives = max(len(y) - y.sum(), 1.0)
        weight = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))
        beta = np.zeros(x.shape[1])
        for _ in range(50):  # Newton steps; the problem is small and convex
            p = 1 / (1 + np.exp(-x @ beta))
            gradient = x.T @ (weight * (p - y)) + l2 * np.r_[0, beta[1:]]
            hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + l2 * np.diag([0, *[1] * (x.shape[1] - 1)])
            beta -= np.linalg.solve(hessian + 1e-9 * np.eye(x.shape[1]), gradient)
        fitted[lang] = [round(float(b), 3) for b in beta]
    return fitted
