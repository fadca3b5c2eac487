"""Fuse the dense and lexical rankings into one, with one confidence, in the asker's language.

The knobs are in tuning.py, the build as served in served.py, the arithmetic in scoring.py and the shaping of
an answer or a decline in shaping.py; this module decides, per question, which entry answers."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.retrieval import grouping, scoring, shaping
from bot.retrieval.agreement import asked_of, disagreements, named
from bot.retrieval.answers import Answer
from bot.retrieval.domain import names_the_desk
from bot.retrieval.embedder import Embedder
from bot.retrieval.knowledge import Section
from bot.retrieval.lexical import is_chinese, tokenize
from bot.retrieval.parts import asking_part, split_parts
from bot.retrieval.served import Served
from bot.retrieval.store import Build, IndexUnavailable, current_name, load_build
from bot.retrieval.tuning import Tuning

log = logging.getLogger(__name__)

METHODS = ("hybrid", "dense", "lexical")
QUERY_CACHE = 1024  # question vectors kept: 1.5 MB at 384 dimensions


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
        self._served: Served | None = None
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
                self._served = Served.of(build)  # one reference swap: readers see old or new
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

    def _current(self) -> Served:
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
        text, tokens = served.read(question, asker)
        dense, fused = self._scores(served, text, tokens, asker, method)
        ranking = scoring.ranking(fused)
        if not ranking or fused[ranking[0]] <= 0:
            return shaping.declined(served, question, asker, ranking, fused, started)
        top = served.in_language(ranking[0], asker)
        disagree: list[str] = []
        if method == "hybrid":  # the engine; the single channels stay bare for comparison
            top, disagree = self._agreeing(served, question, ranking, fused, asker)
        confidence = scoring.confidence(served, method, asker, tokens, float(dense[top]), top, self.tuning)
        confidence *= self.tuning.agreement_penalty ** len(disagree)
        threshold = self._threshold(method, question, text)
        if method == "hybrid" and confidence < threshold:
            # Only a question about to be declined needs its asking sentences looked up again.
            confidence = max(confidence, self._asked_confidence(served, question, asker, top, fused))
        if confidence < threshold:
            return shaping.declined(served, question, asker, ranking, fused, started, confidence)
        also = self._other_parts(served, question, asker, top, fused) if method == "hybrid" else []
        return shaping.answered(served, question, asker, top, ranking, fused, confidence, started, also)

    def _threshold(self, method: str, question: str, mended: str) -> float:
        """The confidence the engine needs: more for a question that names nothing of customs' world."""
        threshold = self.tuning.threshold(method)
        if method == "hybrid" and not names_the_desk(question, mended):
            return max(threshold, self.tuning.unanchored_threshold)
        return threshold

    def _asked_confidence(self, served: Served, question: str, asker: str, top: int, fused: np.ndarray) -> float:
        """For a question told as a story, the confidence that `top` answers what it asks, when the asking
        sentences alone rank `top` first too (the story's words dilute the match of the question's own); else 0."""
        asked = asking_part(question, asker)
        if asked == question:
            return 0.0
        text, tokens = served.read(asked, asker)
        dense, asked_fused = self._scores(served, text, tokens, asker, "hybrid")
        ranking = scoring.ranking(asked_fused + self.tuning.part_context * fused)
        if not ranking:
            return 0.0
        row, disagree = self._agreeing(served, question, ranking, asked_fused, asker)
        if served.sections[row].id != served.sections[top].id:
            return 0.0  # the asking sentences point elsewhere: the story matters, keep the whole question's
        confidence = scoring.confidence(served, "hybrid", asker, tokens, float(dense[row]), row, self.tuning)
        return confidence * self.tuning.agreement_penalty ** len(disagree)

    def _other_parts(self, served: Served, question: str, asker: str, top: int, fused: np.ndarray) -> list[int]:
        """For a question of several parts, the entries that answer a part the best entry does not: the best
        entry for the part, unless it is the answer already, the answer covers the part's words as well, or
        the engine is not confident of it for that part."""
        parts = split_parts(question, asker)
        if len(parts) < 2:
            return []
        shown = {served.sections[top].id, served.twins.get(served.sections[top].id)}
        found: list[int] = []
        for part in parts:
            text, tokens = served.read(part, asker)
            dense, part_fused = self._scores(served, text, tokens, asker, "hybrid")
            part_fused = part_fused + self.tuning.part_context * fused
            # The best entry for the part among those not shown yet: a part whose best entry is the answer
            # already may still have a second ("how long to approve, and how long is it valid?").
            ranking = [row for row in scoring.ranking(part_fused, head=self.tuning.agreement_candidates + 2)
                       if served.sections[served.in_language(row, asker)].id not in shown]
            if not ranking:
                continue
            row, disagree = self._agreeing(served, part, ranking, part_fused, asker)
            if served.lexical.coverage(tokens, top) >= served.lexical.coverage(tokens, row):
                continue
            confidence = scoring.confidence(served, "hybrid", asker, tokens, float(dense[row]), row, self.tuning)
            if confidence * self.tuning.agreement_penalty ** len(disagree) < self.tuning.hybrid_threshold:
                continue
            shown.update({served.sections[row].id, served.twins.get(served.sections[row].id)})
            found.append(row)
        return found

    def _agreeing(self, served: Served, question: str, ranking: list[int], fused: np.ndarray,
                  asker: str) -> tuple[int, list[str]]:
        """The best entry that covers what the question names, among the near-best; else the best entry and
        what it does not cover."""
        asked, mentioned = asked_of(question), named(question)
        best = served.in_language(ranking[0], asker)
        disagree = disagreements(asked, served.coverage[best], mentioned)
        if not disagree:
            return best, []
        floor = self.tuning.agreement_switch * float(fused[ranking[0]])
        for row in ranking[1 : self.tuning.agreement_candidates]:
            if float(fused[row]) < floor:
                break
            row = served.in_language(row, asker)
            if not disagreements(asked, served.coverage[row], mentioned):
                return row, []
        return best, disagree

    def features(self, question: str) -> tuple[str, tuple[float, ...]]:
        """The asker's language and what the confidence is computed from, for calibration."""
        served = self._current()
        asker = "zh" if is_chinese(question) else "en"
        text, tokens = served.read(question, asker)
        dense, fused = self._scores(served, text, tokens, asker, "hybrid")
        ranking = scoring.ranking(fused)
        if not ranking:
            return asker, (0.0, 0.0, 0.0, 0.0)
        top, _ = self._agreeing(served, question, ranking, fused, asker)  # the entry ask() would give
        return asker, scoring.features(served, tokens, float(dense[top]), top)

    def entry(self, entry_id: str, lang: str | None = None) -> Answer | None:
        """An entry shown as an answer (a "did you mean" or topic button), in the asker's language if it exists."""
        served = self._current()
        row = served.positions.get(entry_id)
        if row is None:
            return None
        asker = lang or served.sections[row].lang
        row = served.in_language(row, asker)
        fused = np.zeros(len(served.positions), dtype=np.float32)
        fused[row] = 1.0
        title = served.sections[row].title
        return shaping.answered(served, title, asker, row, [row], fused, 1.0, time.perf_counter())

    def _scores(self, served: Served, text: str, tokens: list[str], asker: str,
                method: str) -> tuple[np.ndarray, np.ndarray]:
        """The dense scores (for the confidence) and the fused scores (for the ranking) of every entry, for a
        text and its terms as Served.read gives them."""
        dense, weight = self._dense_scores(served, text, asker, method)
        lexical = scoring.lexical_scores(served, tokens, method, self.tuning)
        return dense, scoring.fuse(served, dense, lexical, asker, method, weight, self.tuning)

    def _dense_scores(self, served: Served, question: str, asker: str, method: str) -> tuple[np.ndarray, float]:
        """Cosine scores mapped to [0, 1], and the weight they carry for a question in this language."""
        if method == "lexical":
            return np.zeros(len(served.positions), dtype=np.float32), 0.0
        if not served.sections:
            return np.zeros(0, dtype=np.float32), 0.0
        t = self.tuning
        weight = t.dense_weight if (self.embedder.multilingual or asker == "en") else t.foreign_dense_weight
        return scoring.cosine_scores(served, self._embed(question), t), weight

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
