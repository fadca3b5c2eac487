"""The gaps loop (/gaps: a question the desk missed becomes a phrasing of the entry that answers it) run over
the tuning sets: every in-scope `tune` question becomes an `Also asked:` line of the entry whose text carries
its facts, in the question's language.

    IPRDESK_INDEX_DIR=... .venv/bin/python tests/eval/learn_phrasings.py [--dry-run] tests/eval/blind4.jsonl ...

The entry is the admin's choice in tests/eval/learned_targets.jsonl when the question is there (`"entry": null`:
no entry answers it, so it is not written); else the first of the engine's best entry and nearest topics (in the
question's language) that carries every fact the question asks for; else the only entry in that language that
does; else none (counted as skipped). Holdout questions are never read. Rebuild the index afterwards
(`iprdesk index build`).

What it does to the figures: a tuning set written into the knowledge base scores in-sample afterwards; judge a
change by a set left out of it (CALIBRATION.md, "Fifth stop on issue 13", has the leave-one-set-out runs).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from bot.app import build_retrieval
from bot.config import Settings
from bot.retrieval import evaluation
from bot.retrieval.editing import with_phrasings
from bot.retrieval.knowledge import Section
from bot.retrieval.lexical import is_chinese
from bot.retrieval.search import Retriever
from bot.rules.figures import example_values

CHOICES = Path(__file__).with_name("learned_targets.jsonl")


def admin_choices(path: Path) -> dict[str, str | None]:
    """question -> the entry id an admin chose for it (None: no entry answers it)."""
    if not path.exists():
        return {}
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["question"]: r["entry"] for r in records}


def target(retriever: Retriever, by_id: dict[str, Section], question: evaluation.Question) -> Section | None:
    """The entry whose text carries the question's facts, in the question's language (see the module doc)."""
    lang = "zh" if is_chinese(question.question) else "en"

    def carries(section: Section) -> bool:
        text = f"{section.title}\n{section.text}\n{section.legal_basis or ''}"
        return section.lang == lang and evaluation.carries(text, question.facts)

    answer = retriever.ask(question.question)
    for source in (*answer.sources, *answer.related):
        if carries(by_id[source.id]):
            return by_id[source.id]
    hits = [s for s in by_id.values() if carries(s)]
    return hits[0] if len(hits) == 1 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="count what would be written, write nothing")
    args = parser.parse_args()
    settings = Settings()
    retriever, _ = build_retrieval(settings)
    by_id = {s.id: s for s in retriever.sections()}
    choices = admin_choices(CHOICES)
    chosen: dict[str, list[str]] = defaultdict(list)
    skipped = worked = 0
    for path in args.files:
        for question in evaluation.load_questions(path):
            if question.split != "tune" or not question.in_scope or not question.facts:
                continue
            if question.question in choices:
                entry_id = choices[question.question]
                section = by_id.get(entry_id) if entry_id else None
            else:
                section = target(retriever, by_id, question)
            if section is None:
                skipped += 1
            elif example_values(section.title):
                # An entry worked for one value ("goods worth RMB 500,000") is never shown as an answer
                # (rules/figures.py, works_other_figure): a phrasing there only pulls questions away from the
                # entry that does answer them ("依职权担保最多交多少？" lost the tiers entry to one).
                worked += 1
            else:
                chosen[section.id].append(question.question)
    written = 0
    for entry_id, questions in chosen.items():
        section = by_id[entry_id]
        file = settings.knowledge_dir / section.path
        new, fresh = with_phrasings(section.path, file.read_bytes(), section.anchor, questions)
        written += len(fresh)
        if fresh and not args.dry_run:
            file.write_bytes(new)
    verb = "would write" if args.dry_run else "wrote"
    print(f"{verb} {written} phrasings to {len(chosen)} entries; {skipped} questions with no entry carrying "
          f"their facts; {worked} whose entry is a worked example, not written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
