"""The calculator's gate: `iprdesk eval tests/eval/computed.jsonl` with the real model and index, as a user runs it.

The set was written by a helper that never saw the knowledge base (tests/eval/BLIND.md). The tune split is what
the question reading was developed on: every figure there must be exact. No split may get a wrong figure: a wrong
amount or a wrong last day is worse than asking for the figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPUTED = ROOT / "tests" / "eval" / "computed.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.timeout(900)]


def scores(index: Path, split: str) -> dict[str, dict[str, int]]:
    env = {
        **os.environ,
        "IPRDESK_INDEX_DIR": str(index),
        "HF_HUB_OFFLINE": "1",
        "IPRDESK_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "eval", str(COMPUTED), "--split", split, "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    env = {
        **os.environ,
        "IPRDESK_INDEX_DIR": str(folder),
        "HF_HUB_OFFLINE": "1",
        "IPRDESK_KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    subprocess.run(
        [sys.executable, "-m", "bot", "index", "build", "-q"], env=env, check=True, capture_output=True, cwd=ROOT
    )
    return folder


def test_the_computed_set_is_the_size_the_issue_asks_for() -> None:
    rows = [json.loads(line) for line in COMPUTED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60
    assert {r["lang"] for r in rows} == {"en", "zh"}
    assert {r["kind"] for r in rows} == {"guarantee", "deadline", "recordation"}
    assert {r["split"] for r in rows} == {"tune", "holdout"}


def test_every_tune_question_with_a_figure_gets_the_exact_figure(index: Path) -> None:
    tune = scores(index, "tune")["all"]
    assert tune.get("wrong", 0) == 0, tune
    assert tune.get("exact", 0) == sum(tune.values()) - tune.get("asked_for_figure", 0), tune


def test_no_question_gets_a_wrong_figure(index: Path) -> None:
    every = scores(index, "all")
    assert every["all"].get("wrong", 0) == 0, every["wrong_examples"]
