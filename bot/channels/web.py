"""What every channel's web server serves besides its own path: GET /healthz and GET /metrics (the Telegram
webhook's server, and WeCom's when it runs alone)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from typing import Any, Protocol

import tornado.web

from bot.channels.metrics import Gauges, Metrics

log = logging.getLogger(__name__)


# ---- what /healthz and /metrics read ----------------------------------------------------------------------


class _RetrieverView(Protocol):
    @property
    def build_name(self) -> str | None: ...

    def sections(self) -> Sequence[object]: ...


class _TrackerView(Protocol):
    def schema_revisions(self) -> tuple[str | None, str | None]: ...

    def items_by_status(self) -> dict[str, int]: ...

    def pending_count(self) -> int: ...

    def undeliverable_count(self) -> int: ...


class Watched(Protocol):
    """The part of bot.app.Services that /healthz and /metrics read."""

    @property
    def retriever(self) -> _RetrieverView: ...

    @property
    def tracker(self) -> _TrackerView: ...


def health(services: Watched) -> tuple[bool, dict[str, Any]]:
    """Healthy when the database answers at the code's newest schema and the index in service has sections.
    Blocking (database, CURRENT on disk): call it from a worker thread."""
    try:
        current, head = services.tracker.schema_revisions()
        database: dict[str, Any] = {"ok": current == head, "revision": current, "head": head}
        if current != head:
            database = {"ok": False, "error": "schema not migrated", "revision": current, "head": head}
    except Exception as exc:  # noqa: BLE001 - unreachable, refused, no table: all "not healthy"
        # The detail (a server's address and port, an SQL statement) goes to the log, not to whoever asks.
        log.warning("healthz: database unreachable: %s", _one_line(exc))
        database = {"ok": False, "error": "database unreachable"}
    try:
        sections = len(services.retriever.sections())  # re-reads CURRENT: another replica may have rebuilt
        index: dict[str, Any] = {"ok": sections > 0, "build": services.retriever.build_name, "sections": sections}
    except Exception as exc:  # noqa: BLE001
        index = {"ok": False, "error": _one_line(exc)}
    ok = bool(database["ok"] and index["ok"])
    return ok, {"status": "ok" if ok else "unhealthy", "database": database, "index": index}


def gauges(services: Watched) -> Gauges | None:
    """The database's figures for /metrics; None (and a log line) when it cannot be read."""
    tracker = services.tracker
    try:
        return Gauges(tracker.items_by_status(), tracker.pending_count(), tracker.undeliverable_count())
    except Exception as exc:  # noqa: BLE001 - /metrics still shows the process's counters
        log.warning("metrics: database figures unavailable: %s", _one_line(exc))
        return None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300] or exc.__class__.__name__


class HealthEndpoint(tornado.web.RequestHandler):
    """GET /healthz: JSON, 200 when healthy, 503 when not (for a load balancer or an orchestrator)."""

    def initialize(self, services: Watched) -> None:
        self.services = services

    async def get(self) -> None:
        ok, body = await asyncio.to_thread(health, self.services)
        self.set_status(200 if ok else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class MetricsEndpoint(tornado.web.RequestHandler):
    """GET /metrics: the Prometheus text format."""

    def initialize(self, services: Watched, metrics: Metrics) -> None:
        self.services, self.metrics = services, metrics

    async def get(self) -> None:
        figures = await asyncio.to_thread(gauges, self.services)
        self.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.finish(self.metrics.render(figures))
