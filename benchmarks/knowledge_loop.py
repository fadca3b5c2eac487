"""The knowledge loop's closing figure: of the tune split's in-scope questions the desk declines today, how many
one admin press per group ("Answered by" the offered entry that carries the group's first question's facts)
turns into right answers. Works on a copy of knowledge/ and a fresh index; never reads the holdout.

    .venv/bin/python benchmarks/knowledge_loop.py [tests/eval/blind.jsonl]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bot.core.desk import answer_question
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.editing import with_phrasings
from bot.retrieval.embedder import load_embedder
from bot.retrieval.evaluation import Question, carries, load_questions
from bot.retrieval.search import Retriever
from bot.rules.calculator import Calculator

REPO = Path(__file__).resolve().parents[1]
OFFERED = 3  # the entries /gaps offers per group


def declined(retriever: Retriever, calculator: Calculator, questions: list[Question]) -> list[Question]:
    """In-scope questions the desk declines (not answered, not computed, not a question back)."""
    out = []
    for q in questions:
        desk = answer_question(q.question, retriever, calculator)
        if not desk.answered and desk.computed is None and desk.clarify is None:
            out.append(q)
    return out


def main(path: Path) -> None:
    questions = [q for q in load_questions(path) if q.split == "tune" and q.in_scope]
    embedder = load_embedder("")
    calculator = Calculator()
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(REPO / "knowledge", knowledge)
        desk = KnowledgeDesk(knowledge, Path(tmp) / "index", embedder)
        desk.rebuild()
        retriever = Retriever(desk.index_dir, embedder)
        desk.on_swap(retriever.reload)
        gaps = declined(retriever, calculator, questions)
        groups = retriever.group_questions([q.question for q in gaps])
        sections = {s.id: s for s in desk.knowledge().sections}
        pressed = 0
        for group in groups:
            first = gaps[group[0]]
            offered = retriever.ask(first.question).sources[:OFFERED]
            right = next((s for s in offered if carries(sections[s.id].text, first.facts)), None)
            if right is None:  # the admin would press "Needs a new entry": no gain from this group
                continue
            pressed += 1
            target = sections[right.id]
            asked = [gaps[i].question for i in group]
            desk.change_file(
                target.path, lambda data, t=target, a=asked: with_phrasings(t.path, data or b"", t.anchor, a)[0]
            )
        now = [answer_question(q.question, retriever, calculator) for q in gaps]
        fixed = sum(1 for q, d in zip(gaps, now, strict=True) if d.answered and carries(d.plain_text, q.facts))
        wrong = sum(1 for q, d in zip(gaps, now, strict=True) if d.answered and not carries(d.plain_text, q.facts))
        still = declined(retriever, calculator, [q for q in questions if q not in gaps])
    print(f"tune split: {len(questions)} in-scope questions, {len(gaps)} declined by the desk today")
    print(f"{len(groups)} groups; an offered entry carried the facts for {pressed} (one press each)")
    print(f"after those presses: {fixed} of {len(gaps)} declined questions answered right, {wrong} answered wrongly")
    print(f"questions answered before and declined now: {len(still)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "tests/eval/blind.jsonl")
