"""An answer or a decline shaped from a ranking: the entry's text, its sources and the related entries."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from bot.retrieval.answers import Answer, Source
from bot.retrieval.labels import distinct_labels
from bot.retrieval.served import Served

MAX_ANSWER_CHARS = 3500  # Telegram allows 4096 per message; the title, basis and source need the rest
RELATED = 3


def answered(served: Served, question: str, asker: str, top: int, ranking: list[int], fused: np.ndarray,
             confidence: float, started: float, also: list[int] | None = None) -> Answer:
    """The top entry as the answer, with its sources, the related entries and the entries for other parts."""
    s = served.sections[top]
    also = also or []
    related = [r for r in related_rows(served, ranking, top, asker, RELATED + len(also)) if r not in also]
    return Answer(
        question=question, answered=True, confidence=float(min(max(confidence, 0.0), 1.0)), lang=asker,
        text=shorten(s.text), title=s.title, legal_basis=s.legal_basis, source=s.source, entry_id=s.id,
        related=labelled(served, related[:RELATED], fused),
        sources=tuple(served.source(r, fused) for r in ranked(served, ranking, asker)),
        took_ms=(time.perf_counter() - started) * 1000,
        also=tuple(part_answer(served, question, asker, row) for row in also),
    )


def part_answer(served: Served, question: str, asker: str, row: int) -> Answer:
    """A second entry of an answer: its title, text and legal basis."""
    s = served.sections[row]
    return Answer(question=question, answered=True, confidence=1.0, lang=asker, text=shorten(s.text),
                  title=s.title, legal_basis=s.legal_basis, source=s.source, entry_id=s.id)


def declined(served: Served, question: str, asker: str, ranking: list[int], fused: np.ndarray, started: float,
             confidence: float = 0.0) -> Answer:
    """No answer: the nearest entries offered instead."""
    nearest = related_rows(served, ranking, ranking[0], asker) if ranking else []
    if ranking:
        nearest = [served.in_language(ranking[0], asker), *nearest][:RELATED]
    return Answer(
        question=question, answered=False, confidence=float(min(max(confidence, 0.0), 1.0)), lang=asker,
        text="", title="", legal_basis=None, source=None, entry_id=None,
        related=labelled(served, nearest, fused),
        sources=tuple(served.source(r, fused) for r in ranked(served, ranking, asker)),
        took_ms=(time.perf_counter() - started) * 1000,
    )


def related_rows(served: Served, ranking: list[int], exclude: int, asker: str, n: int = RELATED) -> list[int]:
    """The next best entries in the asker's language, never the answer itself or its twin."""
    skip = {served.sections[exclude].id, served.twins.get(served.sections[exclude].id)}
    picked: list[int] = []
    for row in ranking:
        row = served.in_language(row, asker)
        section = served.sections[row]
        if section.id in skip or section.lang != asker:
            continue
        skip.update({section.id, served.twins.get(section.id)})
        picked.append(row)
        if len(picked) == n:
            break
    return picked


def labelled(served: Served, rows: list[int], fused: np.ndarray) -> tuple[Source, ...]:
    """Sources shown together as buttons, each with a label that tells it apart from the others."""
    labels = distinct_labels([served.sections[r].title for r in rows])
    sources = (served.source(r, fused) for r in rows)
    return tuple(replace(source, label=label) for source, label in zip(sources, labels, strict=True))


def ranked(served: Served, ranking: list[int], asker: str, n: int = 5) -> list[int]:
    """The head of the ranking with each entry in the asker's language and twins merged."""
    picked: list[int] = []
    for row in ranking:
        row = served.in_language(row, asker)
        if row not in picked:
            picked.append(row)
        if len(picked) == n:
            break
    return picked


def shorten(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Cut at a paragraph or line boundary under the limit; entries are written to stay well below it."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
    return text[: cut if cut > limit // 2 else limit].rstrip() + "\n…"
