"""Tracker.queue() and Tracker.stats() on 100,000 items, as ratios against bare queries timed in the same run.

    .venv/bin/python benchmarks/bench_tracker.py [--items 100000] [--runs 9] [--pg-url postgresql://...]

SQLite always (a file in a temporary folder); PostgreSQL when --pg-url names a server: the benchmark creates
(and first drops) the database `iprdesk_bench` there, so the role needs CREATEDB. Items are bulk-inserted with
a desk's usual shape: most closed, a tenth in progress, a few open, over one year.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from bot.tracker.db import make_engine, migrate
from bot.tracker.models import Enterprise, Item, User
from bot.tracker.service import Tracker
from bot.tracker.values import Category, Role, Status

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OFFICER = 6_000_000_001
ENTERPRISES = 200
BATCH = 10_000
# A desk that works its list: share of items per status.
STATUS_SHARES = (
    (Status.RESOLVED, 0.75),
    (Status.CLOSED, 0.08),
    (Status.IN_PROGRESS, 0.10),
    (Status.OPEN, 0.07),
)
BASELINES = {
    "count": "SELECT count(*) FROM item",
    "first 20": "SELECT id, title, created_at FROM item ORDER BY created_at LIMIT 20",
    # The same served by an index range scan: the floor for any indexed listing.
    "first 20 open": "SELECT id, title, created_at FROM item WHERE status = 'open' ORDER BY created_at LIMIT 20",
}


def seed(engine: Engine, count: int) -> None:
    """Users, enterprises and `count` items, inserted in batches (executemany)."""
    rng = random.Random(20261128)
    enterprises = [{"name": f"Enterprise {n}", "kind": "importer_exporter"} for n in range(ENTERPRISES)]
    owners = [_user(5_000_000_000 + n, Role.ENTERPRISE, enterprise_id=n + 1) for n in range(ENTERPRISES)]
    officers = [_user(OFFICER + n, Role.OFFICER, enterprise_id=None) for n in range(10)]
    with engine.begin() as connection:
        connection.execute(insert(Enterprise), enterprises)
        connection.execute(insert(User), owners + officers)
    statuses = tuple(status for status, _ in STATUS_SHARES)
    weights = tuple(share for _, share in STATUS_SHARES)
    for start in range(0, count, BATCH):
        rows = [_item(rng, statuses, weights) for _ in range(min(BATCH, count - start))]
        with engine.begin() as connection:
            connection.execute(insert(Item), rows)
    settle(engine)


def settle(engine: Engine) -> None:
    """Leave the tables as a running system has them: planner statistics and, on PostgreSQL, a visibility map
    (autovacuum's work), without which every index-only scan visits the table too."""
    if engine.dialect.name != "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        return
    # Right after the inserts VACUUM may not yet see them as visible to everyone (here it took up to a
    # second), and then marks no page all-visible: repeat until it has.
    for _ in range(20):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
            visible, pages = connection.execute(
                text("SELECT relallvisible, relpages FROM pg_class WHERE relname = 'item'")
            ).one()
        if visible >= pages:
            return
        time.sleep(0.25)


def _user(user_id: int, role: Role, enterprise_id: int | None) -> dict[str, Any]:
    return {
        "id": user_id,
        "name": f"{role.value} {user_id}",
        "role": role.value,
        "enterprise_id": enterprise_id,
    }


def _item(rng: random.Random, statuses: tuple[Status, ...], weights: tuple[float, ...]) -> dict[str, Any]:
    status = rng.choices(statuses, weights)[0]
    created = NOW - timedelta(minutes=rng.randrange(365 * 24 * 60))
    finished = status in (Status.RESOLVED, Status.CLOSED)
    closed = min(NOW, created + timedelta(hours=rng.expovariate(1 / 72))) if finished else None
    owner = rng.randrange(ENTERPRISES)
    return {
        "kind": "problem",
        "category": rng.choice(list(Category)).value,
        "title": f"Problem {rng.random():.6f}",
        "description": "Suspected infringing goods declared at the port.",
        "enterprise_id": owner + 1,
        "owner_id": 5_000_000_000 + owner,
        "status": status.value,
        "assignee_id": None if status == Status.OPEN else OFFICER + rng.randrange(10),
        "resolution": "Handled." if status == Status.RESOLVED else None,
        "created_at": created,
        "updated_at": closed or created,
        "closed_at": closed,
        "hours_to_close": (closed - created).total_seconds() / 3600 if closed else None,
        "version": 1,
    }


def median_ms(call: Callable[[], object], runs: int) -> float:
    call()  # warm: caches, prepared plans, pooled connection
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bare(engine: Engine, sql: str) -> Callable[[], object]:
    """One query on a pooled connection, in its own transaction: what each Tracker call pays at least."""

    def run() -> object:
        with engine.connect() as connection:
            return connection.execute(text(sql)).all()

    return run


def measure(label: str, engine: Engine, items: int, runs: int) -> None:
    started = time.perf_counter()
    migrate(engine)
    seed(engine, items)
    print(f"\n{label}: seeded {items:,} items in {time.perf_counter() - started:.1f} s (median of {runs} runs)")
    tracker = Tracker(engine, clock=lambda: NOW)
    base = {name: median_ms(bare(engine, sql), runs) for name, sql in BASELINES.items()}
    for name, ms in base.items():
        print(f"  baseline {name:<16} {ms:8.2f} ms   {BASELINES[name]}")
    calls: dict[str, tuple[Callable[[], object], str]] = {
        "queue()": (lambda: tracker.queue(actor_id=OFFICER), "first 20"),
        "queue(recordation)": (lambda: tracker.queue(actor_id=OFFICER, category="recordation"), "first 20"),
        "stats()": (lambda: tracker.stats(actor_id=OFFICER), "count"),
    }
    for name, (call, against) in calls.items():
        ms = median_ms(call, runs)
        ratios = "  ".join(f"{ms / base[b]:6.2f}x {b}" for b in (against, "first 20 open"))
        print(f"  {name:<25} {ms:8.2f} ms   {ratios}")


def fresh_postgres(url: str) -> Engine:
    """The database iprdesk_bench on the server of `url`, dropped and created anew."""
    admin = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS iprdesk_bench"))
        connection.execute(text("CREATE DATABASE iprdesk_bench"))
    admin.dispose()
    return make_engine(make_url(url).set(database="iprdesk_bench").render_as_string(hide_password=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pg-url", help="a PostgreSQL server to benchmark too (database iprdesk_bench is recreated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        measure("SQLite", engine, args.items, args.runs)
        engine.dispose()
    if args.pg_url:
        engine = fresh_postgres(args.pg_url)
        measure("PostgreSQL", engine, args.items, args.runs)
        engine.dispose()


if __name__ == "__main__":
    main()
