"""Two-part questions: "how much … and until when …", "多少钱？有效期到什么时候？". Each part is looked up on its
own so that an answer can carry a second entry for the part the first does not answer. And stories: "We're a
Ningbo exporter … customs held … How long do we have to reply?" asks only its last sentence."""

from __future__ import annotations

import re

MAX_PARTS = 3  # a longer list is a story, not a two-part question; its first parts are kept
MIN_PART_CHARS = {"en": 12, "zh": 4}  # shorter pieces ("and?", "呢") are not questions of their own

_EN_ASKING = r"(?:how|what|when|where|who|which|whether|until|is|are|can|could|do|does|did|will|should|must|at most)"
# Where an English question turns to its next part: a question mark, or "and" / "also" before a question word.
_EN_SPLIT = re.compile(rf"\?+\s*|[,;]?\s+(?:and|also|plus)\s+(?={_EN_ASKING}\b)", re.IGNORECASE)
_EN_QUESTION = re.compile(rf"\b{_EN_ASKING}\b|\?", re.IGNORECASE)
# Chinese parts end at ？ ; or ；, and at ， when what follows asks something of its own.
_ZH_ASKING = r"(?:多少|多久|多长|几|什么时候|哪|怎么|如何|是否|能否|可否|吗|有没有|要不要)"
_ZH_SPLIT = re.compile(rf"[？?；;]+|[，,](?=[^，,？?]*{_ZH_ASKING})")
_ZH_QUESTION = re.compile(r"多少|多久|多长|几|什么|哪|怎么|如何|是否|能否|可否|吗|呢|有没有|要不要|会不会|能不能")


def split_parts(question: str, lang: str) -> list[str]:
    """The question's parts that ask something; one part (the whole question) when it asks one thing."""
    splitter, asking = (_ZH_SPLIT, _ZH_QUESTION) if lang == "zh" else (_EN_SPLIT, _EN_QUESTION)
    parts = [
        piece
        for piece, asked in _pieces(question, splitter)
        if len(piece) >= MIN_PART_CHARS[lang] and (asked or asking.search(piece))
    ]
    return parts[:MAX_PARTS] if len(parts) > 1 else [question]


def _pieces(question: str, splitter: re.Pattern[str]) -> list[tuple[str, bool]]:
    """The pieces between the splitter's matches, each with whether a question mark ended it: "…, last day to
    reply?" asks without a question word."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in splitter.finditer(question):
        pieces.append((question[start:match.start()], "?" in match.group() or "？" in match.group()))
        start = match.end()
    pieces.append((question[start:], False))
    return [(piece.strip(" ,，.。"), asked) for piece, asked in pieces]


# English sentences end at . ! ? before a space; Chinese clauses at any of its stops, commas included.
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ZH_CLAUSE_END = re.compile(r"(?<=[。！？!?；;，,])")


def asking_part(question: str, lang: str) -> str:
    """The question without the sentences (English) or clauses (Chinese) that only tell a story; the question
    itself when every piece asks something, or none does."""
    if lang == "zh":
        pieces = [p for p in _ZH_CLAUSE_END.split(question) if p.strip()]
        asking = [p for p in pieces if _ZH_QUESTION.search(p) or "？" in p or "?" in p]
    else:
        pieces = [p for p in _EN_SENTENCE_END.split(question) if p.strip()]
        asking = [p for p in pieces if "?" in p]
    if not asking or len(asking) == len(pieces):
        return question
    return ("" if lang == "zh" else " ").join(p.strip() for p in asking)
