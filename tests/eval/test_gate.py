"""The knowledge base's gate: `iprdesk eval` with the real bundled model on tests/eval/questions.jsonl."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "eval" / "questions.jsonl"

# Building the index and scoring 181 questions three ways takes about a minute on a quiet machine.
pytestmark = [pytest.mark.model, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """Run the real CLI, as a user would: build the index, then score every question with all methods."""
    env = {**os.environ, "IPRDESK_INDEX_DIR": str(tmp_path_factory.mktemp("index")), "HF_HUB_OFFLINE": "1",
           "IPRDESK_KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    cli = [sys.executable, "-m", "bot"]
    subprocess.run([*cli, "index", "build", "-q"], env=env, check=True, capture_output=True, cwd=ROOT)
    done = subprocess.run([*cli, "eval", str(QUESTIONS), "--json"], env=env, capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout)


def test_the_question_set_is_the_size_the_gate_needs() -> None:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    in_scope = [r for r in rows if r["expected"]]
    assert len(in_scope) >= 150
    assert len(rows) - len(in_scope) >= 25
    assert sum(r["lang"] == "zh" for r in in_scope) >= len(in_scope) // 4
    assert {r["split"] for r in rows} == {"tune", "holdout"}


def test_recall_at_3_meets_the_gate(scores: dict[str, dict[str, object]]) -> None:
    hybrid = scores["hybrid"]
    assert hybrid["recall_at_3"] >= 0.90
    assert hybrid["by_lang"]["zh"] >= 0.85  # type: ignore[index]


def test_hybrid_ranks_at_least_as_well_as_either_channel(scores: dict[str, dict[str, object]]) -> None:
    best_single = max(scores["dense"]["recall_at_3"], scores["lexical"]["recall_at_3"])  # type: ignore[type-var]
    assert scores["hybrid"]["recall_at_3"] >= best_single  # type: ignore[operator]


def test_decline_decision_meets_the_gate(scores: dict[str, dict[str, object]]) -> None:
    """At least 90% of answerable questions answered while at least 90% of out-of-scope ones are declined."""
    hybrid = scores["hybrid"]
    assert hybrid["answered_in_scope"] >= 0.90  # type: ignore[operator]
    assert hybrid["declined_out_of_scope"] >= 0.90  # type: ignore[operator]
