"""What the desk adds to a question: the calculator's reading, computing and the example guard, against the
engine alone, measured in the same run.

    .venv/bin/python benchmarks/bench_desk.py [--questions 300]

Two Retrievers over the same index (the real one in index/, built by `make index`), so that every timed question
is new to each (a repeated question skips the model: its vector is cached). Each question goes through the
engine alone (Retriever.ask) and through the desk (bot.core.desk.answer_question: rules first, then the same
engine), interleaved so that noise hits both. The questions are the blind sets (tests/eval/blind.jsonl, plain
questions; tests/eval/computed.jsonl, questions with figures). The goal: a plain question's latency within 1.05x
of the engine's (the calculator must not slow a plain question).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.config import Settings  # noqa: E402
from bot.core.desk import answer_question  # noqa: E402
from bot.retrieval.embedder import load_embedder  # noqa: E402
from bot.retrieval.search import Retriever  # noqa: E402
from bot.rules.calculator import Calculator  # noqa: E402

GOAL_PLAIN_RATIO = 1.05


def questions_of(path: Path, limit: int) -> list[str]:
    rows = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(rows))[:limit]


def timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def compare(name: str, questions: Sequence[str], engine: Retriever, desk: Retriever, calc: Calculator) -> str:
    bare: list[float] = []
    full: list[float] = []
    for n, question in enumerate(questions):
        pair = [lambda q=question: engine.ask(q), lambda q=question: answer_question(q, desk, calc)]
        if n % 2:  # alternate which goes first
            pair.reverse()
        times = [timed_ms(call) for call in pair]
        if n % 2:
            times.reverse()
        bare.append(times[0])
        full.append(times[1])
    p50 = statistics.median(full) / statistics.median(bare)
    p95 = percentile(full, 95) / percentile(bare, 95)
    return (
        f"{name:34} n={len(questions):4}  engine p50 {statistics.median(bare):6.2f} ms p95 "
        f"{percentile(bare, 95):6.2f} ms  desk p50 {statistics.median(full):6.2f} ms p95 "
        f"{percentile(full, 95):6.2f} ms  ratio p50 {p50:.3f} p95 {p95:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args(argv)
    settings = Settings()
    embedder = load_embedder(settings.embedding_model, threads=1)  # as the serving process runs it
    index = settings.index_dir if settings.index_dir.is_absolute() else ROOT / settings.index_dir
    engine, desk = Retriever(index, embedder), Retriever(index, embedder)
    calc = Calculator.from_knowledge(ROOT / "knowledge")
    plain = questions_of(ROOT / "tests/eval/blind.jsonl", args.questions)
    computed = questions_of(ROOT / "tests/eval/computed.jsonl", args.questions)
    started = time.perf_counter()
    for question in computed[:200]:
        calc.compute(request) if (request := calc.read(question)) else None
    calc_us = (time.perf_counter() - started) / max(1, len(computed[:200])) * 1e6
    lines = [
        compare("plain questions (blind.jsonl)", plain, engine, desk, calc),
        compare("questions with figures (computed)", computed, engine, desk, calc),
    ]
    ratio = float(lines[0].rsplit("ratio p50 ", 1)[1].split()[0])
    print("\n".join(lines))
    print(f"calculator alone (read + compute), per question with figures: {calc_us:.0f} µs")
    verdict = "meets" if ratio <= GOAL_PLAIN_RATIO else "MISSES"
    print(f"plain-question latency desk/engine p50 {ratio:.3f}: {verdict} the goal <= {GOAL_PLAIN_RATIO}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
