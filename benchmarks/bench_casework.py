"""/stats with casework (on-time share, satisfaction, expiring recordations, the weekly chart) on 100,000 items:
time and Python memory, as ratios against a bare `SELECT count(*) FROM item` measured in the same run.

    .venv/bin/python benchmarks/bench_casework.py [--items 100000] [--runs 7]

SQLite in a temporary folder; the items are bench_tracker.py's (a year of a desk's list), with due times, on-time
flags and scores filled in by SQL the way the tracker would have left them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).parent))
from bench_tracker import NOW, OFFICER, seed, settle  # noqa: E402

from bot.core.chart import chart_png  # noqa: E402
from bot.tracker.db import make_engine, migrate  # noqa: E402
from bot.tracker.service import Tracker  # noqa: E402

CASEWORK = (
    "UPDATE item SET closed_on_time = (id % 5 <> 0) WHERE status IN ('resolved')",
    "UPDATE item SET satisfaction = 1 + id % 5 WHERE status IN ('resolved') AND id % 3 = 0",
    "UPDATE item SET first_response_due = created_at, resolution_due = created_at, next_due_at = created_at "
    "WHERE status IN ('open', 'in_progress')",
)


def casework(engine: Engine) -> None:
    with engine.begin() as connection:
        for statement in CASEWORK:
            connection.execute(text(statement))
    settle(engine)


def timed(call: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls after one warm-up."""
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def peak_bytes(call: Callable[[], object]) -> int:
    """Peak Python allocations during one call (tracemalloc)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate(engine)
        seed(engine, options.items)
        casework(engine)
        tracker = Tracker(engine, clock=lambda: NOW)

        def bare() -> object:
            with engine.connect() as connection:
                return connection.execute(text("SELECT count(*) FROM item")).scalar_one()

        def figures() -> object:
            return tracker.stats(actor_id=OFFICER)

        def with_chart() -> object:
            numbers = tracker.stats(actor_id=OFFICER)
            return chart_png(tracker.weekly_active(actor_id=OFFICER, weeks=12), numbers)

        base_s, base_mem = timed(bare, options.runs), peak_bytes(bare)
        print(f"SQLite, {options.items:,} items; baseline SELECT count(*): {base_s * 1000:.1f} ms, "
              f"{base_mem / 1024:.0f} KiB peak")
        for name, call in (("/stats figures", figures), ("/stats figures + weekly chart (PNG)", with_chart)):
            seconds, memory = timed(call, options.runs), peak_bytes(call)
            print(f"{name}: {seconds * 1000:.1f} ms ({seconds / base_s:.1f}x), "
                  f"{memory / 1024:.0f} KiB peak ({memory / max(base_mem, 1):.1f}x)")
        engine.dispose()


if __name__ == "__main__":
    main()
