"""Typos mended against the knowledge base's own words, before a question is searched.

English: "genral guarante minimun" finds the entry on the general guarantee's minimum. Only a word that is
neither in the knowledge base nor an English word is mended ("retail" is a word, so it never becomes "detail"),
and only to the one knowledge-base word one edit away (a letter left out, a wrong letter, two neighbours
swapped, a letter typed twice); when two are that near, the word is left alone.

Chinese: a pinyin keyboard's slips are words of the same sound, tones aside (担宝 or 担报 for 担保, 备按 for
备案). A word jieba finds, or two single characters side by side, that is neither in the knowledge base nor in
jieba's dictionary becomes the one common knowledge-base term with its sound. Not when one of its characters is
a very common word on its own (是, 还, 了): jieba leaves 还管 or 是用 uncut, and they are no slip for 海关 or
适用. Common terms are dictionary words found in at least COMMON_DF entries, so no stray token of the entries is
a target; with two terms of that sound, the word is left alone."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jieba

from bot.retrieval.embedder import bundled_model_path
from bot.retrieval.lexical import tokenize

_WORD = re.compile(r"[A-Za-z]+")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_LENGTH = 5  # shorter words have too many neighbours one edit away ("pls", "fee", "fees", "feed")
COMMON_DF = 3  # entries a Chinese term must occur in to be a target of a mend
# jieba's frequency above which a character is a word on its own in most texts (是 796,991, 还 157,058, 用 76,586;
# the characters of the slips seen: 按 21,008, 报 14,647, 备 2,284, 担 1,918)
COMMON_CHARACTER = 50_000


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

    def __init__(self, vocabulary: Iterable[str], dictionary: frozenset[str],
                 chinese_terms: Iterable[str] = ()) -> None:
        self._known = frozenset(vocabulary)
        self._dictionary = dictionary
        self._by_variant: dict[str, set[str]] = {}
        for word in self._known:
            if len(word) >= MIN_LENGTH - 1 and word.isascii() and word.isalpha():
                for variant in {word, *_deletes(word)}:
                    self._by_variant.setdefault(variant, set()).add(word)
        self._by_sound: dict[str, set[str]] = {}  # toneless pinyin -> common terms
        for term in chinese_terms:
            if _HAN_WORD.fullmatch(term) and jieba.dt.FREQ.get(term):
                self._by_sound.setdefault(_sound(term), set()).add(term)

    def mend_text(self, text: str) -> str:
        """The text with each mendable typo replaced, before it is tokenised and embedded: words as written,
        not tokens, are judged (a token's stem, "approv", is no typo of "approve")."""
        def replace(match: re.Match[str]) -> str:
            word = match.group()
            mended = self._mended(word.lower())
            return word if mended == word.lower() else mended

        mended = _WORD.sub(replace, text)
        return self._mend_chinese(mended) if _HAN.search(mended) else mended

    def _mend_chinese(self, text: str) -> str:
        """The text with each Chinese word of a knowledge-base word's sound, but not a word itself, replaced."""
        pieces = list(jieba.cut(text))
        out: list[str] = []
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            pair = piece + pieces[i + 1] if i + 1 < len(pieces) else ""
            if len(piece) == 1 and len(pair) == 2 and (mended := self._sounded(pair)) != pair:
                out.append(mended)  # 备 + 按: jieba cuts an unknown pair into single characters
                i += 2
                continue
            out.append(self._sounded(piece) if len(piece) > 1 else piece)
            i += 1
        return "".join(out)

    def _sounded(self, word: str) -> str:
        """The one common term that sounds like `word`, when `word` is neither known nor a dictionary word."""
        frequency = jieba.dt.FREQ
        if (not _HAN_WORD.fullmatch(word) or word in self._known or frequency.get(word)
                or any(frequency.get(c, 0) > COMMON_CHARACTER for c in word)):
            return word
        same = self._by_sound.get(_sound(word), set())
        return next(iter(same)) if len(same) == 1 else word

    def _mended(self, token: str) -> str:
        if (not self._dictionary or len(token) < MIN_LENGTH or not (token.isascii() and token.isalpha())
                or token in self._dictionary or all(t in self._known for t in tokenize(token))):
            return token  # short, not a word, English, or the knowledge base's own once tokenised ("approved")
        near = {word for variant in {token, *_deletes(token)} for word in self._by_variant.get(variant, ())
                if one_edit_apart(token, word) and (len(token) <= len(word) or _doubled(token, word))}
        return near.pop() if len(near) == 1 else token


def _sound(word: str) -> str:
    """A word's toneless pinyin, each character by its first reading (the same for the slip and the term)."""
    readings = _readings()
    return " ".join(readings.get(ord(c), c) for c in word)


@cache
def _readings() -> dict[int, str]:
    """Each character's first reading, toneless: pypinyin's character table read as data. Importing pypinyin
    would load its phrase table too (about 58 MB resident against 10 MB for this), which these mends never use."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return {}
    table = Path(spec.submodule_search_locations[0]) / "pinyin_dict.json"
    raw: dict[str, str] = json.loads(table.read_text(encoding="utf-8"))
    return {int(code): _toneless(readings.split(",")[0]) for code, readings in raw.items()}


def _toneless(reading: str) -> str:
    """"lǜ" -> "lv", "bǎo" -> "bao": tone marks dropped, ü written v as keyboards type it."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
