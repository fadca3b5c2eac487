"""A loaded build plus what serving questions needs of it, made once when the build is loaded."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.retrieval.agreement import Coverage
from bot.retrieval.answers import Source
from bot.retrieval.glossary import bridged
from bot.retrieval.knowledge import Section
from bot.retrieval.lexical import TOKENIZER_VERSION, LexicalIndex, tokenize
from bot.retrieval.spelling import COMMON_DF, Speller, english_words
from bot.retrieval.store import Build


@dataclass(frozen=True)
class Served:
    """A loaded build plus what serving needs of it."""

    build: Build
    lexical: LexicalIndex
    asked: LexicalIndex  # BM25 over the question-like fields alone: heading and phrasings
    positions: dict[str, int]  # entry id -> row
    twins: dict[str, str]  # entry id -> the same entry in the other language
    sections: list[Section]  # by row; made once here, not on every question (10k sections: 0.6 ms a copy)
    langs: np.ndarray  # each row's language, for a vectorised same-language bonus
    coverage: list[Coverage]  # by row: what each entry names, for agreement with the question
    speller: Speller  # English typos mended against the knowledge base's words

    @classmethod
    def of(cls, build: Build) -> Served:
        sections = [c.section for c in build.chunks]
        positions = {s.id: i for i, s in enumerate(sections)}
        twins: dict[str, str] = {}
        for s in sections:
            if s.translation_of and s.translation_of in positions:
                twins[s.id] = s.translation_of
                twins[s.translation_of] = s.id
        if build.manifest.tokenizer == TOKENIZER_VERSION:
            documents = [c.tokens for c in build.chunks]
        else:  # an index made before a tokenizer change: match the questions' tokens until the next build
            documents = [tuple(tokenize(s.search_text)) for s in sections]
        lexical = LexicalIndex.build(documents)
        asked = LexicalIndex.build([tokenize("\n".join([s.title, *s.phrasings])) for s in sections])
        langs = np.array([s.lang for s in sections], dtype="<U2")
        coverage = [Coverage.of(s) for s in sections]
        return cls(build=build, lexical=lexical, asked=asked, positions=positions, twins=twins, sections=sections,
                   langs=langs, coverage=coverage,
                   speller=Speller(lexical.vocab, english_words(), lexical.common_terms(COMMON_DF)))

    def read(self, text: str, asker: str) -> tuple[str, list[str]]:
        """A question as the engine searches it: its text with typos mended (for the model), and its terms from
        that text with the key terms of the other language in the asker's own (for BM25)."""
        mended = self.speller.mend_text(text)
        return mended, bridged(tokenize(mended), asker)

    def in_language(self, row: int, asker: str) -> int:
        """The same entry in the asker's language, when a twin exists."""
        section = self.sections[row]
        twin = self.twins.get(section.id)
        if section.lang != asker and twin is not None:
            return self.positions[twin]
        return row

    def source(self, row: int, fused: np.ndarray) -> Source:
        """The entry at `row` as a source of an answer, with its fused score clipped to [0, 1]."""
        s = self.sections[row]
        score = float(min(max(fused[row], 0.0), 1.0))
        return Source(id=s.id, title=s.title, file_title=s.file_title, lang=s.lang, score=score,
                      legal_basis=s.legal_basis, source=s.source)
