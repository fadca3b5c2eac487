"""What the engine returns: plain frozen values, no library types."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One knowledge-base entry as it ranked for a question."""

    id: str  # FILE_ID#ANCHOR
    title: str  # the entry's heading: the question it answers
    file_title: str
    lang: str  # "en" or "zh"
    score: float  # fused score in [0, 1]
    legal_basis: str | None
    source: str | None
    # A button's words: the heading when it fits, else a form that tells it apart from the entries shown with
    # it (Retriever._labelled); empty means "use the title".
    label: str = ""


@dataclass(frozen=True)
class Answer:
    """The engine's reply to one question; `answered` is False below the calibrated threshold."""

    question: str
    answered: bool
    confidence: float  # in [0, 1]
    lang: str  # the asker's language, detected from the question
    text: str  # the best entry's text (empty when not answered), under Telegram's 4096 limit
    title: str  # the best entry's heading ("" when not answered)
    legal_basis: str | None
    source: str | None
    entry_id: str | None  # the best entry's id (None when not answered)
    related: tuple[Source, ...] = ()  # up to 3 other entries: "did you mean" / nearest topics
    sources: tuple[Source, ...] = field(default=())  # the ranked candidates, best first
    took_ms: float = 0.0
    # A two-part question whose second part the best entry does not answer: the entry that does, shown after
    # the first with its own title, text and legal basis (answered=True, no related, no sources of its own).
    also: tuple[Answer, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The `iprdesk ask --json` object."""
        return {
            "question": self.question,
            "answered": self.answered,
            "confidence": round(self.confidence, 4),
            "lang": self.lang,
            "answer": self.text,
            "title": self.title,
            "entry_id": self.entry_id,
            "legal_basis": self.legal_basis,
            "source": self.source,
            "related": [_source_json(s) for s in self.related],
            "sources": [_source_json(s) for s in self.sources],
            "took_ms": round(self.took_ms, 2),
            "also": [
                {"title": a.title, "answer": a.text, "entry_id": a.entry_id, "legal_basis": a.legal_basis,
                 "source": a.source}
                for a in self.also
            ],
        }


def _source_json(source: Source) -> dict[str, object]:
    return {
        "id": source.id,
        "title": source.title,
        "label": source.label or source.title,
        "lang": source.lang,
        "score": round(source.score, 4),
        "legal_basis": source.legal_basis,
    }
