"""The engine seen through the conversation's language: one language per person, whatever script a question
is typed in. Ranking and confidence stay the engine's (calibrated on the question's own script); only the entry
shown is its twin in the conversation's language, when the knowledge base has one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.core.ports import RetrieverPort
from bot.retrieval.answers import Answer, Source

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def is_mixed(question: str) -> bool:
    """Chinese characters and English words in one question."""
    return _CJK.search(question) is not None and _LATIN_WORD.search(question) is not None


def _written_in(text: str, lang: str) -> bool:
    """Whether `text` is mostly in `lang` (an English entry may quote a Chinese term, and the reverse)."""
    chinese = len(_CJK.findall(text)) * 3 > len(re.findall(r"[A-Za-z]", text))
    return chinese == (lang == "zh")


@dataclass(frozen=True)
class InLanguage:
    """A RetrieverPort whose answers and topics are in `lang` (twins), asking a mixed question both ways."""

    retriever: RetrieverPort
    lang: str

    def ask(self, question: str, lang: str | None = None) -> Answer:
        answer = self.retriever.ask(question, lang)
        if lang is None and not answer.answered and is_mixed(question):
            # "How do I 备案 my mark?": the script the engine guessed may miss the entry the words point to
            other = self.retriever.ask(question, "en" if answer.lang == "zh" else "zh")
            if other.answered:
                answer = other
        return self._in_language(answer)

    def entry(self, entry_id: str, lang: str | None = None) -> Answer | None:
        return self.retriever.entry(entry_id, lang or self.lang)

    def group_questions(self, texts: Sequence[str]) -> list[list[int]]:
        return self.retriever.group_questions(texts)

    def _in_language(self, answer: Answer) -> Answer:
        if answer.lang == self.lang:
            return answer
        related = tuple(self._source(s) for s in answer.related)
        sources = tuple(self._source(s) for s in answer.sources)
        if not answer.answered or answer.entry_id is None:
            return replace(answer, lang=self.lang, related=related, sources=sources)
        twin = self.retriever.entry(answer.entry_id, self.lang)
        if twin is None or not _written_in(twin.text, self.lang):
            return answer  # the entry exists in the question's language only: shown as it is
        return replace(
            twin, question=answer.question, confidence=answer.confidence, related=related, sources=sources,
            took_ms=answer.took_ms,
        )

    def _source(self, source: Source) -> Source:
        if source.lang == self.lang:
            return source
        twin = self.retriever.entry(source.id, self.lang)
        if twin is None or twin.entry_id is None or not _written_in(twin.title, self.lang):
            return source
        return replace(source, id=twin.entry_id, title=twin.title, lang=self.lang)
