"""Score a question set: recall, MRR and the decline decision, for each retrieval method side by side."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.retrieval.search import METHODS, Retriever


@dataclass(frozen=True)
class Question:
    question: str
    expected: tuple[str, ...]  # empty: out of scope, must be declined
    lang: str
    split: str = "tune"


@dataclass(frozen=True)
class Outcome:
    """What one method did with one question."""

    question: Question
    ranked: tuple[str, ...]
    answered: bool
    confidence: float

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected entry, None when absent."""
        return next((i + 1 for i, e in enumerate(self.ranked) if e in self.question.expected), None)


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


def load_questions(path: Path) -> list[Question]:
    """Read a JSONL question set; a bad line names its number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            questions.append(
                Question(
                    question=str(record["question"]),
                    expected=tuple(record.get("expected") or ()),
                    lang=str(record.get("lang") or "en"),
                    split=str(record.get("split") or "tune"),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a question object ({exc})") from exc
    return questions


def run(retriever: Retriever, questions: Iterable[Question], method: str) -> list[Outcome]:
    outcomes = []
    for q in questions:
        answer = retriever.ask(q.question, method=method)
        outcomes.append(
            Outcome(q, tuple(s.id for s in answer.sources), answer.answered, answer.confidence)
        )
    return outcomes


def score(method: str, outcomes: list[Outcome]) -> Scores:
    inside = [o for o in outcomes if o.question.expected]
    outside = [o for o in outcomes if not o.question.expected]
    s = Scores(method=method, in_scope=len(inside), out_of_scope=len(outside))
    if inside:
        ranks = [o.rank for o in inside]
        s.recall_at_1 = sum(1 for r in ranks if r == 1) / len(inside)
        s.recall_at_3 = sum(1 for r in ranks if r is not None and r <= 3) / len(inside)
        s.mrr = sum(1.0 / r for r in ranks if r is not None) / len(inside)
        s.answered_in_scope = sum(o.answered for o in inside) / len(inside)
        for lang in sorted({o.question.lang for o in inside}):
            group = [o for o in inside if o.question.lang == lang]
            s.by_lang[lang] = sum(1 for o in group if o.rank is not None and o.rank <= 3) / len(group)
    if outside:
        s.declined_out_of_scope = sum(not o.answered for o in outside) / len(outside)
    answered = [o for o in outcomes if o.answered]
    if answered:
        s.precision = sum(1 for o in answered if o.rank == 1) / len(answered)
    return s


def evaluate(retriever: Retriever, questions: list[Question]) -> dict[str, tuple[Scores, list[Outcome]]]:
    """Every method on the same questions."""
    results = {}
    for method in METHODS:
        outcomes = run(retriever, questions, method)
        results[method] = (score(method, outcomes), outcomes)
    return results


def sweep(outcomes: list[Outcome], steps: int = 100) -> list[tuple[float, float, float]]:
    """(threshold, answered in-scope share, declined out-of-scope share) for thresholds 0..1."""
    inside = [o.confidence for o in outcomes if o.question.expected]
    outside = [o.confidence for o in outcomes if not o.question.expected]
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
    """The side-by-side table `iprdesk eval` prints."""
    rows = [
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
    methods = list(results)
    lines = [f"{'':26}" + "".join(f"{m:>10}" for m in methods)]
    for label, cell in rows:
        lines.append(f"{label:26}" + "".join(f"{cell(results[m]):>10}" for m in methods))
    return "\n".join(lines)


def fit_confidence(retriever: Retriever, questions: list[Question], l2: float = 0.1) -> dict[str, list[float]]:
    """Logistic regression, per language, of 'has an answer' on Retriever.features: the coefficients of
    Tuning.confidence_en / confidence_zh. Classes are weighted equally, so 0.5 is the balanced threshold."""
    import numpy as np

    rows: dict[str, list[tuple[tuple[float, ...], bool]]] = {}
    for q in questions:
        lang, features = retriever.features(q.question)
        rows.setdefault(lang, []).append((features, bool(q.expected)))
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
