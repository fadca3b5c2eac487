"""Fuse the dense and lexical rankings into one, with one confidence, in the asker's language."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.retrieval import grouping
from bot.retrieval.agreement import Coverage, disagreements, named
from bot.retrieval.answers import Answer, Source
from bot.retrieval.embedder import Embedder
from bot.retrieval.knowledge import Section
from bot.retrieval.labels import distinct_labels
from bot.retrieval.lexical import TOKENIZER_VERSION, LexicalIndex, is_chinese, tokenize
from bot.retrieval.parts import split_parts
from bot.retrieval.store import Build, IndexUnavailable, current_name, load_build

log = logging.getLogger(__name__)

METHODS = ("hybrid", "dense", "lexical")
MAX_ANSWER_CHARS = 3500  # Telegram allows 4096 per message; the title, basis and source need the rest
RELATED = 3
QUERY_CACHE = 1024  # question vectors kept: 1.5 MB at 384 dimensions
# Rows ranked per question: the answer, its sources and the related entries all come from this head. A partial
# sort of the head costs a fifth of a full stable sort at 10,000 sections (0.15 ms against 0.77 ms).
RANKED_HEAD = 256


@dataclass(frozen=True)
class Tuning:
    """Every knob of the fusion, with why it has its value. Tuned on the `tune` split of tests/eval only;
    tests/eval/CALIBRATION.md has the figures behind each value."""

    # all-MiniLM-L6-v2 cosine: unrelated pairs sit around 0.1-0.3, good matches 0.5-0.8; map that span to [0, 1].
    dense_floor: float = 0.2
    dense_ceiling: float = 0.75
    # Share of the dense channel in the fused ranking when the model reads the question's language.
    dense_weight: float = 0.5
    # The same for Chinese questions with a model that does not know Chinese: most characters are [UNK] to
    # it, but the few it knows still add a little (recall@3 zh on the tune split: 0.82 at 0, 0.87 at 0.3).
    foreign_dense_weight: float = 0.3
    # The heading is the question an entry answers; a question is nearer another question than an answer.
    title_weight: float = 0.3
    # Entries in the asker's language win ties against their twins and near-ties against other entries.
    same_lang_bonus: float = 0.15
    # Confidence = logistic(b + w·features), the features of Retriever.features: the top entry's dense
    # similarity, its word and Chinese-pair coverage of the question, and the share of the question's words the
    # knowledge base knows at all. Fitted per language on the tune split of tests/eval/blind.jsonl (`iprdesk
    # eval --calibrate`), where "has an answer" means "the best entry carries the facts asked for": an in-scope
    # question whose best entry misses them is a question to decline too. CALIBRATION.md has the run.
    confidence_en: tuple[float, ...] = (-4.302, 4.196, 3.05, 0.0, -0.351)
    confidence_zh: tuple[float, ...] = (-3.926, 1.14, 1.906, 3.311, 1.125)
    # Below these confidences a question is declined. Hybrid: the point of the blind tune split's sweep with the
    # most "answered with the fact" minus twice "answered wrongly" (a wrong answer costs more than a decline,
    # which still offers an officer): 0.34 there, rounded to 0.35.
    hybrid_threshold: float = 0.35
    dense_threshold: float = 0.73
    lexical_threshold: float = 0.3
    # Agreement (bot/retrieval/agreement.py): when the best entry does not cover what the question names (the
    # EU, a patent, a passenger), the next `agreement_candidates` entries are looked at, and the first that
    # does cover it is taken if its fused score is at least `agreement_switch` of the best's (a near-tie:
    # farther down, the covering entry is usually about something else). Else the confidence is multiplied by
    # `agreement_penalty` for every disagreement, which declines the question unless it was a clear match.
    agreement_candidates: int = 5
    agreement_switch: float = 0.75
    agreement_penalty: float = 0.3
    # Two-part questions: each part is ranked by its own scores plus `part_context` times the whole question's
    # (a part alone, "until when is it valid?", has lost what "it" is).
    part_context: float = 0.5
    # Share of BM25 over headings and phrasings alone in the engine's lexical score (the rest: whole entries).
    # 0.2 raised "best entry carries the fact" on the blind tune split from 0.856 to 0.863 (0.35: 0.852).
    asked_lexical_weight: float = 0.2

    def threshold(self, method: str) -> float:
        return float(getattr(self, f"{method}_threshold"))


@dataclass(frozen=True)
class _Served:
    """A loaded build plus what serving needs of it."""

    build: Build
    lexical: LexicalIndex
    asked: LexicalIndex  # BM25 over the question-like fields alone: heading and phrasings
    positions: dict[str, int]  # entry id -> row
    twins: dict[str, str]  # entry id -> the same entry in the other language
    sections: list[Section]  # by row; made once here, not on every question (10k sections: 0.6 ms a copy)
    langs: np.ndarray  # each row's language, for a vectorised same-language bonus
    coverage: list[Coverage]  # by row: what each entry names, for agreement with the question

    @classmethod
    def of(cls, build: Build) -> _Served:
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
                   langs=langs, coverage=coverage)


class Retriever:
    """Answers questions from the build in service; picks up a new build without a restart."""

    def __init__(self, index_dir: Path, embedder: Embedder, threshold: float | None = None,
                 tuning: Tuning | None = None) -> None:
        self.index_dir = index_dir
        self.embedder = embedder
        self.tuning = tuning or Tuning()
        if threshold is not None:
            self.tuning = Tuning(**{**self.tuning.__dict__, "hybrid_threshold": threshold})
        self._lock = threading.Lock()
        self._served: _Served | None = None
        self._failed: str | None = None  # a build that would not load: not retried on every question
        self._vectors: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()
        self.reload()
        if self._served is None:
            raise IndexUnavailable(f"no usable index in {index_dir}: run 'iprdesk index build'")
        self._warm_up()

    def _warm_up(self) -> None:
        """Load jieba's dictionary and run the model once now, not on the first user's question."""
        tokenize("知识产权备案")
        self.embedder.encode(["warm up"])

    @property
    def build_name(self) -> str | None:
        return self._served.build.name if self._served else None

    def reload(self) -> bool:
        """Serve the build named by CURRENT if it is new; a broken build is logged and the old one kept."""
        name = current_name(self.index_dir)
        if name is None or name == self._failed or (self._served is not None and self._served.build.name == name):
            return False
        with self._lock:
            if self._served is not None and self._served.build.name == name:
                return False
            try:
                build = load_build(self.index_dir, name)
                self._check_model(build)
                self._served = _Served.of(build)  # one reference swap: readers see old or new
            except IndexUnavailable as exc:
                if self._served is None:
                    raise
                self._failed = name  # a build folder never changes once published: retrying cannot help
                log.error("keeping index %s in service: %s", self._served.build.name, exc)
                return False
        log.info("serving index %s (%d sections)", name, build.manifest.sections)
        return True

    def _check_model(self, build: Build) -> None:
        if build.manifest.model != self.embedder.name or build.manifest.dim != self.embedder.dim:
            raise IndexUnavailable(
                f"the index was built with {build.manifest.model} ({build.manifest.dim}d) but the configured "
                f"model is {self.embedder.name} ({self.embedder.dim}d): run 'iprdesk index build'"
            )

    def _current(self) -> _Served:
        self.reload()
        assert self._served is not None
        return self._served

    def sections(self) -> list[Section]:
        return list(self._current().sections)  # a copy: callers never change what is served

    def ask(self, question: str, lang: str | None = None, method: str = "hybrid") -> Answer:
        """Rank every entry for the question and decide whether the best one answers it."""
        started = time.perf_counter()
        served = self._current()
        question = question.strip()
        asker = lang if lang in ("en", "zh") else ("zh" if is_chinese(question) else "en")
        tokens = tokenize(question)
        dense, dense_weight = self._dense_scores(served, question, asker, method)
        lexical = self._lexical_scores(served, tokens, method)
        fused = self._fuse(served, dense, lexical, asker, method, dense_weight)
        ranking = _ranking(fused)
        if not ranking or fused[ranking[0]] <= 0:
            return self._declined(question, asker, ranking, served, fused, started)
        top = self._in_language(served, ranking[0], asker)
        disagree: list[str] = []
        if method == "hybrid":  # the engine; the single channels stay bare for comparison
            top, disagree = self._agreeing(served, question, ranking, fused, asker)
        confidence = self._confidence(served, method, asker, tokens, float(dense[top]), top)
        confidence *= self.tuning.agreement_penalty ** len(disagree)
        if confidence < self.tuning.threshold(method):
            return self._declined(question, asker, ranking, served, fused, started, confidence)
        also = self._other_parts(served, question, asker, top, fused) if method == "hybrid" else []
        return self._answer(question, asker, top, ranking, served, fused, confidence, started, also)

    def _other_parts(self, served: _Served, question: str, asker: str, top: int, fused: np.ndarray) -> list[int]:
        """For a question of several parts, the entries that answer a part the best entry does not: the best
        entry for the part, unless it is the answer already, the answer covers the part's words as well, or
        the engine is not confident of it for that part."""
        parts = split_parts(question, asker)
        if len(parts) < 2:
            return []
        shown = {served.sections[top].id, served.twins.get(served.sections[top].id)}
        found: list[int] = []
        for part in parts:
            tokens = tokenize(part)
            dense, weight = self._dense_scores(served, part, asker, "hybrid")
            part_fused = self._fuse(served, dense, self._lexical_scores(served, tokens, "hybrid"), asker, "hybrid",
                                    weight)
            part_fused = part_fused + self.tuning.part_context * fused
            ranking = _ranking(part_fused, head=self.tuning.agreement_candidates)
            row, disagree = self._agreeing(served, part, ranking, part_fused, asker)
            if served.sections[row].id in shown:
                continue
            if served.lexical.coverage(tokens, top) >= served.lexical.coverage(tokens, row):
                continue
            confidence = self._confidence(served, "hybrid", asker, tokens, float(dense[row]), row)
            if confidence * self.tuning.agreement_penalty ** len(disagree) < self.tuning.hybrid_threshold:
                continue
            shown.update({served.sections[row].id, served.twins.get(served.sections[row].id)})
            found.append(row)
        return found

    def _agreeing(self, served: _Served, question: str, ranking: list[int], fused: np.ndarray,
                  asker: str) -> tuple[int, list[str]]:
        """The best entry that covers what the question names, among the near-best; else the best entry and
        what it does not cover."""
        asked = named(question)
        best = self._in_language(served, ranking[0], asker)
        disagree = disagreements(asked, served.coverage[best])
        if not disagree:
            return best, []
        floor = self.tuning.agreement_switch * float(fused[ranking[0]])
        for row in ranking[1 : self.tuning.agreement_candidates]:
            if float(fused[row]) < floor:
                break
            row = self._in_language(served, row, asker)
            if not disagreements(asked, served.coverage[row]):
                return row, []
        return best, disagree

    def features(self, question: str) -> tuple[str, tuple[float, ...]]:
        """The asker's language and what the confidence is computed from, for calibration."""
        served = self._current()
        asker = "zh" if is_chinese(question) else "en"
        tokens = tokenize(question)
        dense, weight = self._dense_scores(served, question, asker, "hybrid")
        fused = self._fuse(served, dense, self._lexical_scores(served, tokens, "hybrid"), asker, "hybrid", weight)
        ranking = _ranking(fused)
        if not ranking:
            return asker, (0.0, 0.0, 0.0, 0.0)
        top, _ = self._agreeing(served, question, ranking, fused, asker)  # the entry ask() would give
        return asker, self._features(served, tokens, float(dense[top]), top)

    def entry(self, entry_id: str, lang: str | None = None) -> Answer | None:
        """An entry shown as an answer (a "did you mean" or topic button), in the asker's language if it exists."""
        served = self._current()
        row = served.positions.get(entry_id)
        if row is None:
            return None
        asker = lang or served.sections[row].lang
        row = self._in_language(served, row, asker)
        fused = np.zeros(len(served.positions), dtype=np.float32)
        fused[row] = 1.0
        return self._answer(served.sections[row].title, asker, row, [row], served, fused, 1.0, time.perf_counter())

    def _dense_scores(self, served: _Served, question: str, asker: str, method: str) -> tuple[np.ndarray, float]:
        """Cosine scores mapped to [0, 1], and the weight they carry for a question in this language."""
        if method == "lexical":
            return np.zeros(len(served.positions), dtype=np.float32), 0.0
        t = self.tuning
        if not served.sections:
            return np.zeros(0, dtype=np.float32), 0.0
        views = served.build.dense.scores(self._embed(question))
        starts = served.build.offsets[:-1]
        body = views[starts]
        # The nearest of the question-like views (heading, then every phrasing: contiguous after the body).
        asked = np.maximum.reduceat(views, starts + 1)
        cosine = t.title_weight * asked + (1 - t.title_weight) * body
        weight = t.dense_weight if (self.embedder.multilingual or asker == "en") else t.foreign_dense_weight
        return np.clip((cosine - t.dense_floor) / (t.dense_ceiling - t.dense_floor), 0.0, 1.0), weight

    def group_questions(self, texts: Sequence[str]) -> list[list[int]]:
        """Indexes of `texts` grouped by what they ask, largest group first (bot/retrieval/grouping.py)."""
        vectors = np.stack([self._embed(t) for t in texts]) if texts else np.zeros((0, self.embedder.dim))
        return grouping.group(vectors, texts, self.embedder.multilingual)

    def _embed(self, question: str) -> np.ndarray:
        """The question's vector; the same question asked again (a common one, or the eval's three methods)
        is not encoded twice."""
        vector = self._vectors.get(question)
        if vector is None:
            vector = self.embedder.encode([question])[0]
            with self._cache_lock:  # questions arrive from several worker threads
                if len(self._vectors) >= QUERY_CACHE:
                    del self._vectors[next(iter(self._vectors))]  # oldest first: dicts keep insertion order
                self._vectors[question] = vector
        return vector

    def _lexical_scores(self, served: _Served, tokens: list[str], method: str) -> np.ndarray:
        """BM25 over whole entries; for the engine, blended with BM25 over headings and phrasings alone (a
        question that matches one of the ways an entry is asked should not drown in a long body)."""
        if method == "dense":
            return np.zeros(len(served.positions), dtype=np.float32)
        whole = served.lexical.scores(tokens)
        weight = self.tuning.asked_lexical_weight
        if method != "hybrid" or weight <= 0:
            return whole
        asked = served.asked.scores(tokens)
        return (1 - weight) * _peak_scaled(whole) + weight * _peak_scaled(asked)

    def _fuse(self, served: _Served, dense: np.ndarray, lexical: np.ndarray, asker: str, method: str,
              dense_weight: float) -> np.ndarray:
        peak = float(lexical.max()) if len(lexical) else 0.0
        lexical_norm = lexical / peak if peak > 0 else lexical
        if method == "dense":
            fused = dense.copy()
        elif method == "lexical":
            fused = lexical_norm.astype(np.float32)
        else:
            fused = (dense_weight * dense + (1 - dense_weight) * lexical_norm).astype(np.float32)
        same = (served.langs == asker).astype(np.float32)
        return fused + self.tuning.same_lang_bonus * same * (fused > 0)

    @staticmethod
    def _features(served: _Served, tokens: list[str], dense: float, top: int) -> tuple[float, ...]:
        """Dense similarity of the top entry, the share of the question's words and Chinese character pairs it
        contains (LexicalIndex.coverage), and the share of the words the knowledge base knows at all."""
        words = [t for t in tokens if not t.startswith("#")]
        pairs = [t for t in tokens if t.startswith("#")]
        lexical = served.lexical
        return dense, lexical.coverage(words, top), lexical.coverage(pairs, top), lexical.known_share(words)

    def _confidence(self, served: _Served, method: str, asker: str, tokens: list[str], dense: float,
                    top: int) -> float:
        if method == "dense":
            return dense
        if method == "lexical":
            return served.lexical.coverage(tokens, top)
        features = self._features(served, tokens, dense, top)
        b, *weights = self.tuning.confidence_zh if asker == "zh" else self.tuning.confidence_en
        z = b + sum(w * x for w, x in zip(weights, features, strict=True))
        return float(1.0 / (1.0 + np.exp(-z)))

    @staticmethod
    def _in_language(served: _Served, row: int, asker: str) -> int:
        """The same entry in the asker's language, when a twin exists."""
        section = served.sections[row]
        twin = served.twins.get(section.id)
        if section.lang != asker and twin is not None:
            return served.positions[twin]
        return row

    def _related(self, served: _Served, ranking: list[int], exclude: int, asker: str, n: int = RELATED) -> list[int]:
        """The next best entries in the asker's language, never the answer itself or its twin."""
        skip = {served.sections[exclude].id, served.twins.get(served.sections[exclude].id)}
        picked: list[int] = []
        for row in ranking:
            row = self._in_language(served, row, asker)
            section = served.sections[row]
            if section.id in skip or section.lang != asker:
                continue
            skip.update({section.id, served.twins.get(section.id)})
            picked.append(row)
            if len(picked) == n:
                break
        return picked

    def _labelled(self, served: _Served, rows: list[int], fused: np.ndarray) -> tuple[Source, ...]:
        """Sources shown together as buttons, each with a label that tells it apart from the others."""
        labels = distinct_labels([served.sections[r].title for r in rows])
        sources = (self._source(served, r, fused) for r in rows)
        return tuple(replace(source, label=label) for source, label in zip(sources, labels, strict=True))

    def _source(self, served: _Served, row: int, fused: np.ndarray) -> Source:
        s = served.sections[row]
        score = float(min(max(fused[row], 0.0), 1.0))
        return Source(id=s.id, title=s.title, file_title=s.file_title, lang=s.lang, score=score,
                      legal_basis=s.legal_basis, source=s.source)

    def _answer(self, question: str, asker: str, top: int, ranking: list[int], served: _Served,
                fused: np.ndarray, confidence: float, started: float, also: list[int] | None = None) -> Answer:
        s = served.sections[top]
        also = also or []
        related = [r for r in self._related(served, ranking, top, asker, RELATED + len(also)) if r not in also]
        return Answer(
            question=question, answered=True, confidence=float(min(max(confidence, 0.0), 1.0)), lang=asker,
            text=_shorten(s.text), title=s.title, legal_basis=s.legal_basis, source=s.source, entry_id=s.id,
            related=self._labelled(served, related[:RELATED], fused),
            sources=tuple(self._source(served, r, fused) for r in self._ranked(served, ranking, asker)),
            took_ms=(time.perf_counter() - started) * 1000,
            also=tuple(self._part_answer(question, asker, row, served) for row in also),
        )

    def _part_answer(self, question: str, asker: str, row: int, served: _Served) -> Answer:
        """A second entry of an answer: its title, text and legal basis."""
        s = served.sections[row]
        return Answer(question=question, answered=True, confidence=1.0, lang=asker, text=_shorten(s.text),
                      title=s.title, legal_basis=s.legal_basis, source=s.source, entry_id=s.id)

    def _declined(self, question: str, asker: str, ranking: list[int], served: _Served, fused: np.ndarray,
                  started: float, confidence: float = 0.0) -> Answer:
        nearest = self._related(served, ranking, ranking[0], asker) if ranking else []
        if ranking:
            nearest = [self._in_language(served, ranking[0], asker), *nearest][:RELATED]
        return Answer(
            question=question, answered=False, confidence=float(min(max(confidence, 0.0), 1.0)), lang=asker,
            text="", title="", legal_basis=None, source=None, entry_id=None,
            related=self._labelled(served, nearest, fused),
            sources=tuple(self._source(served, r, fused) for r in self._ranked(served, ranking, asker)),
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _ranked(self, served: _Served, ranking: list[int], asker: str, n: int = 5) -> list[int]:
        """The head of the ranking with each entry in the asker's language and twins merged."""
        picked: list[int] = []
        for row in ranking:
            row = self._in_language(served, row, asker)
            if row not in picked:
                picked.append(row)
            if len(picked) == n:
                break
        return picked


def _peak_scaled(scores: np.ndarray) -> np.ndarray:
    peak = float(scores.max()) if len(scores) else 0.0
    return scores / peak if peak > 0 else scores


def _ranking(scores: np.ndarray, head: int = RANKED_HEAD) -> list[int]:
    """The best `head` rows by descending score, ties in row order: what a stable full sort would start with."""
    n = len(scores)
    if n <= head:
        return list(np.argsort(-scores, kind="stable").tolist())
    cut = np.partition(scores, n - head)[n - head]  # the head-th largest score
    above = np.flatnonzero(scores > cut)
    tied = np.flatnonzero(scores == cut)[: head - len(above)]
    rows = np.concatenate([above, tied])
    return list(rows[np.lexsort((rows, -scores[rows]))].tolist())


def _shorten(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    """Cut at a paragraph or line boundary under the limit; entries are written to stay well below it."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
    return text[: cut if cut > limit // 2 else limit].rstrip() + "\n…"
