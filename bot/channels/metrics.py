"""Figures for /metrics, exposed by prometheus_client in the Prometheus text format.

Counters and the histogram are this process's (Prometheus sums them over the replicas); the gauges are read
from the shared database at scrape time, so every replica reports the same problem list and outbox. Process
memory, CPU, open files and garbage collection come with the client's default collectors. Each Metrics has a
registry of its own, not the client's global one, so several servers in one process (tests) do not clash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from prometheus_client import (
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric

# The exposition keeps the series it had before the client: no `_created` timestamp beside every counter.
disable_created_metrics()

# Seconds from an update's arrival at its handler to its last reply sent. A question runs the model (~10-50 ms)
# and the database; Telegram's own round trip adds ~100 ms; beyond a few seconds something is wrong.
LATENCY_BUCKETS_S = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class Gauges:
    """What the database says at scrape time."""

    items_by_status: Mapping[str, int]
    notifications_pending: int
    notifications_undeliverable: int

    def collect(self) -> Iterator[Metric]:
        """The gauge families (a prometheus_client collector)."""
        items = GaugeMetricFamily("iprdesk_items", "Items of the problem list, by status.", labels=["status"])
        for status, count in sorted(self.items_by_status.items()):
            items.add_metric([status], count)
        yield items
        yield GaugeMetricFamily(
            "iprdesk_notifications_pending", "Notices not yet delivered nor given up.",
            value=self.notifications_pending,
        )
        yield GaugeMetricFamily(
            "iprdesk_notifications_undeliverable", "Notices given up for good.",
            value=self.notifications_undeliverable,
        )


class Metrics:
    """The process's counters; matches bot.core.ports.ObserverPort, so the Dialog can count through it.
    Thread-safe (the client's metrics are): the core calls it from worker threads, the adapter from the loop."""

    def __init__(self, buckets: tuple[float, ...] = LATENCY_BUCKETS_S) -> None:
        self.registry = CollectorRegistry()
        for standard in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
            self.registry.register(standard)  # stateless readers of this process: shared by every registry
        self._questions = Counter(
            "iprdesk_questions", "Questions to the knowledge base, by outcome and language.",
            ["outcome", "lang"], registry=self.registry,
        )
        for outcome in ("answered", "declined"):  # both series exist from the start, at 0
            for lang in ("en", "zh"):
                self._questions.labels(outcome, lang)
        self._escalations = Counter(
            "iprdesk_escalations", "Questions handed to the officers.", registry=self.registry
        )
        self._updates = Counter(
            "iprdesk_updates", "Telegram updates handled by this process.", registry=self.registry
        )
        self._latency = Histogram(
            "iprdesk_answer_seconds", "From an update's arrival to its replies sent.",
            buckets=buckets, registry=self.registry,
        )

    def question(self, *, answered: bool, lang: str) -> None:
        """A question went to the knowledge base and was answered, or declined."""
        self._questions.labels("answered" if answered else "declined", lang).inc()

    def escalation(self) -> None:
        """A question went to the officers ("Ask an officer")."""
        self._escalations.inc()

    def handled(self, seconds: float) -> None:
        """An update was handled and its replies sent, `seconds` after the handler got it."""
        self._updates.inc()
        self._latency.observe(seconds)

    def render(self, gauges: Gauges | None) -> str:
        """The exposition text; without gauges (database unreachable) only this process's figures."""
        text = generate_latest(self.registry).decode()
        if gauges is not None:
            text += generate_latest(gauges).decode()
        return text


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
