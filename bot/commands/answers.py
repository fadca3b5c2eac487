"""Questions from the command line: `iprdesk ask` and `iprdesk eval` (a question set scored)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from bot.commands.common import Exit, Failure, settings_of


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, or '-' to read one question per line from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per question.")] = False,
) -> None:
    """Answer a question from the knowledge base."""
    from bot.app import build_calculator, build_retrieval
    from bot.core.desk import answer_question

    settings = settings_of(ctx)
    retriever, _ = build_retrieval(settings)
    calculator = build_calculator(settings)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for q in questions:
        if not q:
            continue
        desk = answer_question(q, retriever, calculator)
        if as_json:
            typer.echo(json.dumps(desk.as_json(), ensure_ascii=False))
            continue
        typer.echo(_for_people(desk))


def _for_people(desk: object) -> str:
    from bot.core.computed import plain
    from bot.core.desk import DeskAnswer

    assert isinstance(desk, DeskAnswer)
    answer = desk.retrieved
    if desk.computed is not None or desk.clarify is not None or desk.withheld or desk.about:
        lines = [plain(desk.html)]
        if answer.sources:
            lines.append("Related: " + " | ".join(s.title for s in answer.sources[:3]))
        return "\n".join(lines)
    if not answer.answered:
        lines = [f"Not sure (confidence {answer.confidence:.2f}). Nearest topics:"]
        lines += [f"  - {s.title} [{s.id}]" for s in answer.related]
        return "\n".join(lines)
    lines = [answer.title, "", answer.text, ""]
    if answer.legal_basis:
        lines.append(f"Legal basis: {answer.legal_basis}")
    if answer.source:
        lines.append(f"Source: {answer.source}")
    for also in answer.also:  # a two-part question: the entry for the part the first does not answer
        lines += ["", also.title, "", also.text, ""]
        if also.legal_basis:
            lines.append(f"Legal basis: {also.legal_basis}")
    lines.append(f"[{answer.entry_id} · confidence {answer.confidence:.2f} · {answer.took_ms:.0f} ms]")
    if answer.related:
        lines.append("Related: " + " | ".join(s.label or s.title for s in answer.related))
    return "\n".join(lines)


def evaluate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSONL question set.")],
    split: Annotated[str, typer.Option(help="tune, holdout or all.")] = "all",
    calibrate: Annotated[bool, typer.Option(help="Also print the best thresholds and fitted confidence.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    misses: Annotated[bool, typer.Option("--misses", help="Also list the hybrid line's wrong answers and "
                                         "declined in-scope questions (for tuning: never on the holdout).")] = False,
) -> None:
    """Score a question set with hybrid (as the desk answers), dense-only and BM25-only side by side."""
    from bot.app import build_calculator, build_retrieval
    from bot.core.desk import answer_question
    from bot.retrieval import evaluation

    if split not in ("tune", "holdout", "all"):
        raise Failure(f"--split is '{split}': use tune, holdout or all", Exit.USAGE)
    if not file.is_file():
        raise Failure(f"no question set at {file}")
    if _is_computed_set(file):  # lines with `expect`: scored on their figures (bot/core/computed_scores.py)
        _evaluate_computed(ctx, file, split, as_json)
        return
    try:
        questions = evaluation.load_questions(file)
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    if split != "all":
        questions = [q for q in questions if q.split == split]
    if not questions:
        raise Failure(f"no questions in {file} for split '{split}'")
    settings = settings_of(ctx)
    retriever, _ = build_retrieval(settings)
    calculator = build_calculator(settings)

    def desk(question: str) -> tuple[bool, str]:
        answered = answer_question(question, retriever, calculator)
        return answered.answered, answered.plain_text

    results = evaluation.evaluate(retriever, questions, desk)
    if as_json:
        typer.echo(json.dumps({m: asdict(s) for m, (s, _) in results.items()}))
        return
    typer.echo(evaluation.format_table({m: s for m, (s, _) in results.items()}))
    if misses:
        for o in results["hybrid"][1]:
            if o.wrong or (o.question.in_scope and not o.answered):
                kind = "WRONG" if o.wrong else "declined"
                typer.echo(f"{kind:8} {o.confidence:.2f} {o.question.lang} {o.question.question} -> "
                           f"{o.ranked[:2]} facts={o.question.facts}")
    if calibrate:
        for method, (_, outcomes) in results.items():
            t, answered, declined = evaluation.best_threshold(outcomes)
            typer.echo(
                f"best threshold {method:8} {t:.2f}: answers {answered:.3f} in scope, declines {declined:.3f} out"
            )
        if any(q.facts for q in questions):
            typer.echo("hybrid engine sweep: threshold, with the fact, answered wrongly (all), out declined")
            for t, right, wrong, declined in evaluation.fact_sweep(results["hybrid"][1]):
                typer.echo(f"  {t:.2f} {right:.3f} {wrong:.3f} {declined:.3f}")
            t, right, wrong, declined = max(evaluation.fact_sweep(results["hybrid"][1], steps=100),
                                            key=lambda row: row[1] - 2 * row[2])
            typer.echo(f"most with-the-fact minus twice wrong at {t:.2f}: {right:.3f} / {wrong:.3f} / {declined:.3f}")
        for lang, coefficients in evaluation.fit_confidence(retriever, questions).items():
            typer.echo(f"fitted confidence_{lang} = {tuple(coefficients)}")


def _is_computed_set(file: Path) -> bool:
    from bot.core.computed_scores import is_computed_set

    try:
        return is_computed_set(file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Failure(f"{file}: not a JSONL question set ({exc})") from exc


def _evaluate_computed(ctx: typer.Context, file: Path, split: str, as_json: bool) -> None:
    """The calculator's figures on a computed-question set: exact, asked for the figure, and every wrong one."""
    from bot.app import build_calculator, build_retrieval
    from bot.core import computed_scores

    try:
        questions = [q for q in computed_scores.load_computed(file) if split in ("all", q.split)]
    except ValueError as exc:
        raise Failure(str(exc)) from exc
    if not questions:
        raise Failure(f"no questions in {file} for split '{split}'")
    settings = settings_of(ctx)
    retriever, _ = build_retrieval(settings)
    scores = computed_scores.score(retriever, questions, build_calculator(settings).calendar)
    typer.echo(json.dumps(scores.as_json()) if as_json else computed_scores.format_scores(scores))
