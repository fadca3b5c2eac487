"""Figures for /metrics in the Prometheus text format (version 0.0.4), written by hand: a few counters and one
histogram do not need a client library.

Counters and the histogram are this process's (Prometheus sums them over the replicas); the gauges are read
from the shared database at scrape time, so every replica reports the same problem list and outbox.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Seconds from an update's arrival at its handler to its last reply sent. A question runs the model (~10-50 ms)
# and the database; Telegram's own round trip adds ~100 ms; beyond a few seconds something is wrong.
LATENCY_BUCKETS_S = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class Gauges:
    """What the database says at scrape time."""

    items_by_status: Mapping[str, int]
    notifications_pending: int
    notifications_undeliverable: int


@dataclass
class _Histogram:
    buckets: tuple[float, ...]
    counts: list[int] = field(default_factory=list)  # per bucket, not cumulative; the last is +Inf
    total: float = 0.0
    n: int = 0

    def __post_init__(self) -> None:
        self.counts = [0] * (len(self.buckets) + 1)

    def observe(self, value: float) -> None:
        index = next((i for i, bound in enumerate(self.buckets) if value <= bound), len(self.buckets))
        self.counts[index] += 1
        self.total += value
        self.n += 1


class Metrics:
    """The process's counters; matches bot.core.ports.ObserverPort, so the Dialog can count through it.
    Thread-safe: the core calls it from worker threads, the adapter from the event loop."""

    def __init__(self, buckets: tuple[float, ...] = LATENCY_BUCKETS_S) -> None:
        self._lock = threading.Lock()
        self._questions: dict[tuple[str, str], int] = {}  # (outcome, lang) -> count
        self._escalations = 0
        self._updates = 0
        self._latency = _Histogram(buckets)

    def question(self, *, answered: bool, lang: str) -> None:
        """A question went to the knowledge base and was answered, or declined."""
        key = ("answered" if answered else "declined", lang)
        with self._lock:
            self._questions[key] = self._questions.get(key, 0) + 1

    def escalation(self) -> None:
        """A question went to the officers ("Ask an officer")."""
        with self._lock:
            self._escalations += 1

    def handled(self, seconds: float) -> None:
        """An update was handled and its replies sent, `seconds` after the handler got it."""
        with self._lock:
            self._updates += 1
            self._latency.observe(seconds)

    def render(self, gauges: Gauges | None) -> str:
        """The exposition text; without gauges (database unreachable) only this process's figures."""
        with self._lock:
            lines = self._counters()
        if gauges is not None:
            lines += _gauge_lines(gauges)
        return "\n".join(lines) + "\n"

    def _counters(self) -> list[str]:
        lines = _head("iprdesk_questions_total", "counter", "Questions to the knowledge base, by outcome and language.")
        questions = dict(self._questions)
        for outcome in ("answered", "declined"):  # both series exist from the start, at 0
            for lang in ("en", "zh"):
                questions.setdefault((outcome, lang), 0)
        lines += [
            f'iprdesk_questions_total{{outcome="{o}",lang="{_label(lang)}"}} {n}'
            for (o, lang), n in sorted(questions.items())
        ]
        lines += _head("iprdesk_escalations_total", "counter", "Questions handed to the officers.")
        lines.append(f"iprdesk_escalations_total {self._escalations}")
        lines += _head("iprdesk_updates_total", "counter", "Telegram updates handled by this process.")
        lines.append(f"iprdesk_updates_total {self._updates}")
        lines += _head("iprdesk_answer_seconds", "histogram", "From an update's arrival to its replies sent.")
        cumulative = 0
        for bound, count in zip((*self._latency.buckets, None), self._latency.counts, strict=True):
            cumulative += count
            le = "+Inf" if bound is None else _number(bound)
            lines.append(f'iprdesk_answer_seconds_bucket{{le="{le}"}} {cumulative}')
        lines.append(f"iprdesk_answer_seconds_sum {_number(self._latency.total)}")
        lines.append(f"iprdesk_answer_seconds_count {self._latency.n}")
        return lines


def _gauge_lines(gauges: Gauges) -> list[str]:
    lines = _head("iprdesk_items", "gauge", "Items of the problem list, by status.")
    lines += [f'iprdesk_items{{status="{_label(s)}"}} {n}' for s, n in sorted(gauges.items_by_status.items())]
    lines += _head("iprdesk_notifications_pending", "gauge", "Notices not yet delivered nor given up.")
    lines.append(f"iprdesk_notifications_pending {gauges.notifications_pending}")
    lines += _head("iprdesk_notifications_undeliverable", "gauge", "Notices given up for good.")
    lines.append(f"iprdesk_notifications_undeliverable {gauges.notifications_undeliverable}")
    return lines


def _head(name: str, kind: str, about: str) -> list[str]:
    return [f"# HELP {name} {about}", f"# TYPE {name} {kind}"]


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return repr(float(value))


def parse(text: str) -> dict[str, float]:
    """`name{labels}` -> value for every sample line: for tests and the replicas check."""
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


def total(samples: Mapping[str, float], name: str, labels: Iterable[str] = ()) -> float:
    """The sum of `name`'s samples whose labels contain every one of `labels` (e.g. 'outcome="answered"')."""
    wanted = tuple(labels)
    return sum(
        v for k, v in samples.items() if k.split("{")[0] == name and all(label in k for label in wanted)
    )
