"""BM25 over the same sections as the dense channel, with Chinese segmented by jieba."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from bot.retrieval.synonyms import SYNONYMS

# BM25 knobs: k1 saturates repeated terms, b normalises by length. The usual 1.2 / 0.75 ranked best on the
# tune split of tests/eval (sections are short and similar in length, so b matters little).
K1 = 1.2
B = 0.75

_CJK = re.compile(r"[\u3400-\u9fff]")
_RUNS = re.compile(r"[\u3400-\u9fff]+|[a-z0-9][a-z0-9.,%]*")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")

_EN_STOP_WORDS = """a an and are as at be been but by can could do does did for from had has have how i if in into is it
its me my of on or our so than that the their them then there these they this to was we were what when where which who
whom why will with would you your please should shall may might must just about any get got want need"""
EN_STOP = frozenset(_EN_STOP_WORDS.split())
_ZH_STOP_WORDS = """的 了 吗 呢 吧 啊 是 我 我们 你 你们 他 她 它 在 和 与 及 或 也 都 就
要 会 能 可以 什么 怎么 怎样 如何 哪些 请问 一下 这个 那个 这 那 有 没有 对 把 被 让 给
还 又 么 嘛 呀 个 请 想 问 该 应该 需要 吗？ ， 。 ？ ！ 、 ："""
ZH_STOP = frozenset(_ZH_STOP_WORDS.split())

# Bump when tokenize() changes: a build made with another version re-tokenizes instead of reusing tokens.
TOKENIZER_VERSION = 4

_jieba_ready = False


def _jieba() -> object:
    """jieba, initialised once with its start-up log silenced."""
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba_ready = True
    return jieba


def is_chinese(text: str) -> bool:
    """Chinese when at least a fifth of the letters are CJK ideographs (a stray English word stays Chinese)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if _CJK.match(ch)) / len(letters) >= 0.2


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(
    r"([一二两三四五六七八九]?)十([一二三四五六七八九]?)"  # 十, 三十, 十五, 三十五
    r"|([一二两三四五六七八九])(?=[个天日年月万])"  # a single digit before a unit: 三天, 两年
)


def _cn_number(match: re.Match[str]) -> str:
    if match.group(3):
        return str(_CN_DIGITS[match.group(3)])
    tens = _CN_DIGITS.get(match.group(1), 1)
    return str(tens * 10 + _CN_DIGITS.get(match.group(2), 0))


def _normalise_numbers(text: str) -> str:
    """`三个工作日` -> `3个工作日`, `10万` -> `100000`, `100,000` -> `100000`: amounts and periods meet
    however they are written."""
    text = _CN_NUMBER.sub(_cn_number, text)
    text = _WAN.sub(lambda m: str(int(float(m.group(1)) * 10000)), text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def _stem(word: str) -> str:
    """A light English stemmer: enough to meet 'guarantees'/'guarantee', 'fees'/'fee' and 'recorded'/'record'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + keep
    # Plain '-es' only after a hissing sound (taxes, boxes, searches): 'guarantees' loses just the 's'.
    if word.endswith(("sses", "xes", "ches", "shes")) and len(word) >= 5:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) >= 4:
        return word[:-1]
    return word


def _bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a Chinese run, minus pairs made only of stop characters."""
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    return ["#" + p for p in pairs if not (p[0] in _STOP_CHARS and p[1] in _STOP_CHARS)]


_STOP_CHARS = frozenset(
    "的了吗呢吧啊是我你他她它在和与及或也都就要会能可以"
    "什么怎么样如何哪些请问这那有没对把被让给还又么嘛呀个想问该"
)


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed English words and numbers, and jieba search-mode Chinese words, minus stop words."""
    text = _normalise_numbers(text.lower())
    tokens: list[str] = []
    for run in _RUNS.findall(text):
        if _CJK.match(run):
            words = _jieba().lcut_for_search(run)  # type: ignore[attr-defined]
            tokens.extend(SYNONYMS.get(w, w) for w in words if w.strip() and w not in ZH_STOP)
            # Character bigrams too: users' words and the knowledge base's often segment differently
            # (网上提交 / 网上申请), and a shared bigram still meets where jieba's words do not.
            tokens.extend(_bigrams(run))
        else:
            word = run.strip(".,%")
            if word and word not in EN_STOP:
                stem = _stem(word)
                tokens.append(SYNONYMS.get(stem, stem))
    return tokens


@dataclass
class LexicalIndex:
    """A BM25 term-weight matrix (documents x vocabulary) and the idf of every term."""

    vocab: dict[str, int]
    idf: np.ndarray
    weights: sparse.csc_matrix
    max_idf: float

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.array([len(doc) for doc in documents], dtype=np.float32)
        for row, doc in enumerate(documents):
            for term, count in Counter(doc).items():
                rows.append(row)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(count)
        n = max(len(documents), 1)
        df = np.bincount(np.array(cols, dtype=np.int64), minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if len(documents) else 1.0
        tf = np.array(tfs, dtype=np.float32)
        lengths_of = lengths[np.array(rows, dtype=np.int64)] if rows else np.zeros(0, dtype=np.float32)
        norm = K1 * (1 - B + B * lengths_of / max(avgdl, 1.0))
        values = idf[np.array(cols, dtype=np.int64)] * tf * (K1 + 1) / (tf + norm)
        matrix = sparse.csc_matrix((values, (rows, cols)), shape=(len(documents), len(vocab)), dtype=np.float32)
        return cls(vocab=vocab, idf=idf, weights=matrix, max_idf=math.log(1.0 + (n + 0.5) / 0.5))

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query tokens (0 where nothing matches)."""
        columns = [self.vocab[t] for t in query if t in self.vocab]
        if not columns:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        return np.asarray(self.weights[:, columns].sum(axis=1)).ravel()

    def common_terms(self, min_df: int) -> list[str]:
        """The terms found in at least `min_df` documents."""
        df = np.asarray((self.weights > 0).sum(axis=0)).ravel()
        return [term for term, column in self.vocab.items() if df[column] >= min_df]

    def known_share(self, query: Sequence[str]) -> float:
        """The idf-weighted share of the query's terms that occur anywhere in the knowledge base, in [0, 1]:
        low for questions about things it never mentions, whichever entry ranks first."""
        terms = set(query)
        if not terms:
            return 0.0
        weights = [(float(self.idf[self.vocab[t]]), True) if t in self.vocab else (self.max_idf, False) for t in terms]
        total = sum(w for w, _ in weights)
        return sum(w for w, known in weights if known) / total

    def coverage(self, query: Sequence[str], document: int) -> float:
        """The idf-weighted share of the query's terms found in one document, in [0, 1].
        A term the knowledge base never uses counts with the highest idf: questions about
        things we know nothing of (visas, weather) score low."""
        terms = set(query)
        if not terms:
            return 0.0
        total = found = 0.0
        for term in terms:
            column = self.vocab.get(term)
            weight = float(self.idf[column]) if column is not None else self.max_idf
            total += weight
            if column is not None and self.weights[document, column] > 0:
                found += weight
        return found / total if total else 0.0
