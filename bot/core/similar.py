"""How alike two problem texts are: the loaded embedding model's cosine when the engine has one, else the share
of words (Chinese: character pairs) they have in common. Used for duplicates (an enterprise's own items) and
for the similar open items officers see on a new one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.ports import ServicesPort

# Thresholds per measure: the model's cosine and the word overlap live on different scales.
DUPLICATE = {"model": 0.80, "words": 0.50}  # "Add to #N instead?" is asked above this
SIMILAR = {"model": 0.55, "words": 0.20}  # shown to officers above this
SIMILAR_SHOWN = 3
MIN_SHARED = 3  # terms two texts must share before the word measure calls them alike
_WORD = re.compile(r"[a-z0-9]{3,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Match:
    item_id: int
    score: float
    text: str


def scores(services: ServicesPort, text: str, others: Sequence[str]) -> list[tuple[str, float]]:
    """(the measure used, the score) per text in `others`: the model's cosine where the model reads both texts,
    else the share of terms in common. A model that reads no Chinese (the bundled all-MiniLM-L6-v2) sees any two
    Chinese texts as alike (unrelated problems score above 0.8), so texts with Chinese go by their terms."""
    embedder = _embedder(services)
    wanted = terms_of(text)
    found = [("words", _overlap(wanted, terms_of(other))) for other in others]
    by_model = [n for n, other in enumerate(others) if _reads(embedder, text) and _reads(embedder, other)]
    if by_model:
        vectors = embedder.encode([text, *(others[n] for n in by_model)])  # normalised: inner product is cosine
        for n, vector in zip(by_model, vectors[1:], strict=True):
            found[n] = ("model", float(vectors[0] @ vector))
    return found


def best_matches(
    services: ServicesPort, text: str, candidates: Sequence[tuple[int, str]], *, duplicate: bool, limit: int = 1
) -> list[Match]:
    """The candidates alike enough to `text` (a duplicate's bar or an officer's hint), the most alike first."""
    if not candidates:
        return []
    bars = DUPLICATE if duplicate else SIMILAR
    found = scores(services, text, [body for _, body in candidates])
    alike = [
        Match(item_id, score, body)
        for (item_id, body), (measure, score) in zip(candidates, found, strict=True)
        if score >= bars[measure]
    ]
    return sorted(alike, key=lambda match: -match.score)[:limit]


def _embedder(services: ServicesPort) -> Any:
    """The engine's embedding model, already loaded for questions (the test doubles have none)."""
    embedder = getattr(services.retriever, "embedder", None)
    return embedder if callable(getattr(embedder, "encode", None)) else None


def _reads(embedder: Any, text: str) -> bool:
    """True when the model can compare `text`: any text for a multilingual model, else text with no Chinese."""
    if embedder is None:
        return False
    return bool(getattr(embedder, "multilingual", True)) or _CJK_RUN.search(text) is None


def terms_of(text: str) -> set[str]:
    """The words of three letters or more, and Chinese character pairs, lowercased."""
    lowered = text.lower()
    found = set(_WORD.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared terms over all terms of both (Jaccard); texts sharing fewer than MIN_SHARED terms are not alike
    however short they are ("held goods 1" and "held goods 2" say too little to be one case)."""
    if len(a & b) < MIN_SHARED:
        return 0.0
    return len(a & b) / len(a | b)
