"""Similar questions together: the gaps list shows one group per question people keep asking."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# all-MiniLM-L6-v2 cosine at or above which two questions are grouped. The same question reworded scores about
# 0.9 ("how much guarantee do we pay to detain goods" / "what is the guarantee amount for detaining goods": 0.94),
# another question on the topic mostly less ("how long does recordation take" / "... cost": 0.59); but paraphrases
# worded apart can fall under 0.7 and different questions reach 0.8: on the blind tune split's English questions,
# 8 of the 51 pairs at or above 0.7 ask the same fact (tests/retrieval/test_grouping.py). So a group is a
# suggestion: "Answered by" writes a question into an entry only when the engine offers that entry for it too.
SAME_QUESTION = 0.7
# The English-only model reads Chinese as unknown tokens (every Chinese question looks alike to it), so for
# Chinese the share of shared character pairs (Dice) decides instead, at or above this (tune split: 6 pairs of
# 140 Chinese questions reach it).
SAME_QUESTION_PAIRS = 0.45
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def is_chinese(text: str) -> bool:
    return _CJK.search(text) is not None


def group(vectors: np.ndarray, texts: Sequence[str], multilingual: bool) -> list[list[int]]:
    """Indexes of `texts` in groups, largest first (ties: first asked first). Each group gathers around its
    first question: a question joins the first group whose leader it matches (leader clustering: a long
    chain of small drifts cannot join two unrelated questions)."""
    similar = similarity(vectors, texts, multilingual)
    groups: list[list[int]] = []
    for i in range(len(texts)):
        home = next((g for g in groups if similar[g[0], i]), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def similarity(vectors: np.ndarray, texts: Sequence[str], multilingual: bool) -> np.ndarray:
    """(n, n) booleans: whether questions i and j ask the same thing."""
    n = len(texts)
    same = (vectors @ vectors.T) >= SAME_QUESTION if n else np.zeros((0, 0), dtype=bool)
    if multilingual:
        return same
    chinese = [is_chinese(t) for t in texts]
    pairs = [_pairs(t) for t in texts]
    for i in range(n):
        for j in range(n):
            if chinese[i] or chinese[j]:
                same[i, j] = chinese[i] == chinese[j] and _dice(pairs[i], pairs[j]) >= SAME_QUESTION_PAIRS
    return same


def _pairs(text: str) -> set[str]:
    """Adjacent Chinese characters (and whole Latin words) of a question."""
    han = "".join(_CJK.findall(text))
    return {han[k : k + 2] for k in range(len(han) - 1)} | set(re.findall(r"[a-z0-9]+", text.lower()))


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
