"""English typos mended against the knowledge base's own words: "genral guarante minimun" finds the entry on
the general guarantee's minimum. Only a word that is neither in the knowledge base nor an English word is
mended ("retail" is a word, so it never becomes "detail"), and only to the one knowledge-base word one edit
away (a letter left out, a wrong letter, two neighbours swapped, a letter typed twice); when two are that near,
the word is left alone."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from bot.retrieval.embedder import bundled_model_path
from bot.retrieval.lexical import tokenize

_WORD = re.compile(r"[A-Za-z]+")
MIN_LENGTH = 5  # shorter words have too many neighbours one edit away ("pls", "fee", "fees", "feed")


@cache
def english_words() -> frozenset[str]:
    """Whole English words of the bundled model's WordPiece vocabulary (30,522 pieces, ~21,700 whole words);
    empty when the package is missing, and then nothing is mended (nothing to tell a typo from a word)."""
    try:
        lines = (bundled_model_path() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line for line in lines if line.isascii() and line.isalpha())


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """The knowledge base's words, indexed by their one-letter deletions (symmetric delete: a lookup, not a
    scan of the vocabulary, per word of a question)."""

    def __init__(self, vocabulary: Iterable[str], dictionary: frozenset[str]) -> None:
        self._known = frozenset(vocabulary)
        self._dictionary = dictionary
        self._by_variant: dict[str, set[str]] = {}
        for word in self._known:
            if len(word) >= MIN_LENGTH - 1 and word.isascii() and word.isalpha():
                for variant in {word, *_deletes(word)}:
                    self._by_variant.setdefault(variant, set()).add(word)

    def mend_text(self, text: str) -> str:
        """The text with each mendable typo replaced, before it is tokenised and embedded: words as written,
        not tokens, are judged (a token's stem, "approv", is no typo of "approve")."""
        def replace(match: re.Match[str]) -> str:
            word = match.group()
            mended = self._mended(word.lower())
            return word if mended == word.lower() else mended

        return _WORD.sub(replace, text)

    def _mended(self, token: str) -> str:
        if (not self._dictionary or len(token) < MIN_LENGTH or not (token.isascii() and token.isalpha())
                or token in self._dictionary or all(t in self._known for t in tokenize(token))):
            return token  # short, not a word, English, or the knowledge base's own once tokenised ("approved")
        near = {word for variant in {token, *_deletes(token)} for word in self._by_variant.get(variant, ())
                if one_edit_apart(token, word) and (len(token) <= len(word) or _doubled(token, word))}
        return near.pop() if len(near) == 1 else token


def _doubled(longer: str, word: str) -> bool:
    """Whether `longer` is `word` with one letter typed twice ("guaranttee"); other extra letters are more often
    another word ("rolex" is no "role" mistyped)."""
    return any(longer[i] == longer[i + 1] and longer[:i] + longer[i + 1 :] == word for i in range(len(longer) - 1))


def one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter inserted, deleted or substituted, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
