"""The shipped knowledge base holds what issue 13 asks of its second edition: enough entries in each language,
every entry with its twin, at least three alternate phrasings each, in the entry's own language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.retrieval.knowledge import Section, load_knowledge
from bot.retrieval.lexical import is_chinese

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def sections() -> list[Section]:
    knowledge = load_knowledge(KNOWLEDGE)
    assert not knowledge.errors, knowledge.errors
    return knowledge.sections


def test_each_language_has_at_least_120_entries(sections: list[Section]) -> None:
    counts = {lang: sum(1 for s in sections if s.lang == lang) for lang in ("en", "zh")}

    assert counts["en"] >= 120 and counts["zh"] >= 120, counts


def test_every_entry_has_its_twin_in_the_other_language(sections: list[Section]) -> None:
    """A Chinese entry names its English twin (the file's translation_of and the same anchor)."""
    english = {s.id for s in sections if s.lang == "en"}
    twinned = {s.translation_of for s in sections if s.lang == "zh"}
    chinese_alone = [s.id for s in sections if s.lang == "zh" and s.translation_of not in english]
    english_alone = sorted(english - twinned)

    assert not chinese_alone, f"Chinese entries without an English twin: {chinese_alone}"
    assert not english_alone, f"English entries without a Chinese twin: {english_alone}"


def test_every_entry_has_at_least_three_phrasings(sections: list[Section]) -> None:
    short = [f"{s.id} ({len(s.phrasings)})" for s in sections if len(s.phrasings) < 3]

    assert not short, f"entries with fewer than three phrasings: {short}"


def test_phrasings_are_in_their_entrys_language(sections: list[Section]) -> None:
    """A Chinese phrasing in an English entry would match Chinese questions to the English twin's text. An
    English phrasing may name a Chinese term (涉外定牌加工); it still needs English words."""
    wrong = [(s.id, p) for s in sections for p in s.phrasings
             if (s.lang == "zh" and not is_chinese(p)) or (s.lang == "en" and not LATIN_WORD.search(p))]

    assert not wrong, wrong
