"""The engine's gate: `iprdesk eval` with the real bundled model, on the blind question set (what the user reads
carries the fact, or is declined; few wrong answers) and on questions.jsonl (the right entry ranks high)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "eval" / "questions.jsonl"
BLIND = ROOT / "tests" / "eval" / "blind.jsonl"
BLIND2 = ROOT / "tests" / "eval" / "blind2.jsonl"  # the second holdout, written blind: never tuned on
BLIND3 = ROOT / "tests" / "eval" / "blind3.jsonl"  # a second tuning set, written blind
BLIND4 = ROOT / "tests" / "eval" / "blind4.jsonl"  # a third tuning set, written blind
BLIND5 = ROOT / "tests" / "eval" / "blind5.jsonl"  # the third holdout, written blind: never tuned on
BLIND6 = ROOT / "tests" / "eval" / "blind6.jsonl"  # a fourth tuning set, written blind, questions told as stories
BLIND7 = ROOT / "tests" / "eval" / "blind7.jsonl"  # a fifth, written blind, weighted to out of scope
BLIND8 = ROOT / "tests" / "eval" / "blind8.jsonl"  # written blind; the judge of stop 25, learned in stop 26
BLIND21 = ROOT / "tests" / "eval" / "blind21.jsonl"  # written blind, learned by no build: the unseen judge
# More tuning sets written blind for the knowledge loop (blind15, 16, 19 and 20 weighted to out of scope).
# blind26-33 (stop 27), blind34-49 (stop 28) and blind50-57 (stop 28's judge, learned in stop 29) likewise, out
# of scope 40 of 150 each.
LOOP_SETS = tuple(ROOT / "tests" / "eval" / f"blind{n}.jsonl" for n in (*range(9, 21), *range(22, 58)))

# Building the index and scoring 181 + 476 + 160 + 4 x 200 + 220 + 2 x 240 + 48 x 150 questions three ways takes
# about forty minutes on a quiet machine (with 40 loop sets it took thirty); the timeout leaves room.
pytestmark = [pytest.mark.model, pytest.mark.timeout(4500)]

Scores = dict[str, dict[str, object]]


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The real CLI's environment, with the index built once, as a user would."""
    env = {**os.environ, "IPRDESK_INDEX_DIR": str(tmp_path_factory.mktemp("index")), "HF_HUB_OFFLINE": "1",
           "IPRDESK_KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    subprocess.run([sys.executable, "-m", "bot", "index", "build", "-q"], env=env, check=True, capture_output=True,
                   cwd=ROOT)
    return env


def evaluate(env: dict[str, str], path: Path) -> Scores:
    done = subprocess.run([sys.executable, "-m", "bot", "eval", str(path), "--json"], env=env, capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def scores(cli_env: dict[str, str]) -> Scores:
    return evaluate(cli_env, QUESTIONS)


@pytest.fixture(scope="module")
def blind(cli_env: dict[str, str]) -> Scores:
    """Every split of the blind set: more questions make steadier figures than the holdout alone."""
    return evaluate(cli_env, BLIND)


@pytest.fixture(scope="module")
def fresh(cli_env: dict[str, str]) -> dict[str, Scores]:
    """The blind sets written later, each scored on its own: their figures differ too much to pool."""
    return {name: evaluate(cli_env, path) for name, path in
            (("blind2", BLIND2), ("blind3", BLIND3), ("blind4", BLIND4), ("blind5", BLIND5), ("blind6", BLIND6),
             ("blind7", BLIND7), ("blind8", BLIND8), ("blind21", BLIND21),
             *((path.stem, path) for path in LOOP_SETS))}


def facts(scores: Scores, method: str, group: str) -> dict[str, float]:
    return scores[method]["facts"][group]  # type: ignore[index,no-any-return]


def test_the_question_set_is_the_size_the_gate_needs() -> None:
    rows = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    in_scope = [r for r in rows if r["expected"]]
    assert len(in_scope) >= 150
    assert len(rows) - len(in_scope) >= 25
    assert sum(r["lang"] == "zh" for r in in_scope) >= len(in_scope) // 4
    assert {r["split"] for r in rows} == {"tune", "holdout"}


def test_the_blind_set_has_both_languages_both_scopes_and_a_holdout() -> None:
    rows = [json.loads(line) for line in BLIND.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    assert sum(r["scope"] == "out" for r in rows) >= 40
    assert {r["lang"] for r in rows} == {"en", "zh"}
    assert {r["split"] for r in rows} == {"tune", "holdout"}


def test_recall_at_3_meets_the_gate(scores: Scores) -> None:
    hybrid = scores["hybrid"]
    assert hybrid["recall_at_3"] >= 0.90  # type: ignore[operator]
    assert hybrid["by_lang"]["zh"] >= 0.85  # type: ignore[index]


def test_hybrid_ranks_at_least_as_well_as_either_channel(scores: Scores) -> None:
    best_single = max(scores["dense"]["recall_at_3"], scores["lexical"]["recall_at_3"])  # type: ignore[type-var]
    assert scores["hybrid"]["recall_at_3"] >= best_single  # type: ignore[operator]


# The bounds below sit well inside what CALIBRATION.md records, so that an edit to one knowledge entry does not
# flip the gate; they catch a real regression, not noise. Figures at the end of the ninth stop on issue 13
# (every tuning set but blind21 is written into the knowledge base as phrasings, so it scores in-sample):
# blind.jsonl, all splits: with the fact 0.946 en / 0.959 zh, wrong 0.034, out declined 0.964. blind2.jsonl
# (holdout): 0.857 / 0.900, wrong 0.050, out declined 0.950. blind5.jsonl (holdout): 0.965 / 0.988, wrong 0.005,
# out declined 1.000. blind21.jsonl (never learned): 0.811 / 0.844, wrong 0.046, out declined 0.933. The learned
# sets blind9-20 and 22-49 (per question through the desk): with the fact 0.942 or more per language, wrong 0.033
# or less, out declined 0.850 or more.


def test_few_questions_are_answered_wrongly(blind: Scores, fresh: dict[str, Scores]) -> None:
    assert facts(blind, "hybrid", "all")["wrong"] <= 0.05
    assert facts(blind, "hybrid", "en")["wrong"] <= 0.06
    assert facts(blind, "hybrid", "zh")["wrong"] <= 0.05
    assert facts(fresh["blind3"], "hybrid", "all")["wrong"] <= 0.06
    assert facts(fresh["blind2"], "hybrid", "all")["wrong"] <= 0.14
    assert facts(fresh["blind4"], "hybrid", "all")["wrong"] <= 0.05
    assert facts(fresh["blind5"], "hybrid", "all")["wrong"] <= 0.08
    assert facts(fresh["blind6"], "hybrid", "all")["wrong"] <= 0.05
    assert facts(fresh["blind7"], "hybrid", "all")["wrong"] <= 0.09
    assert facts(fresh["blind8"], "hybrid", "all")["wrong"] <= 0.09
    assert facts(fresh["blind21"], "hybrid", "all")["wrong"] <= 0.09
    for path in LOOP_SETS:
        assert facts(fresh[path.stem], "hybrid", "all")["wrong"] <= 0.08, path.stem


def test_out_of_scope_questions_are_declined(blind: Scores, fresh: dict[str, Scores]) -> None:
    assert facts(blind, "hybrid", "all")["out_declined"] >= 0.92
    assert facts(fresh["blind3"], "hybrid", "all")["out_declined"] >= 0.75
    assert facts(fresh["blind2"], "hybrid", "all")["out_declined"] >= 0.75
    assert facts(fresh["blind4"], "hybrid", "all")["out_declined"] >= 0.85
    assert facts(fresh["blind5"], "hybrid", "all")["out_declined"] >= 0.80
    assert facts(fresh["blind6"], "hybrid", "all")["out_declined"] >= 0.80
    assert facts(fresh["blind7"], "hybrid", "all")["out_declined"] >= 0.90
    assert facts(fresh["blind8"], "hybrid", "all")["out_declined"] >= 0.80
    assert facts(fresh["blind21"], "hybrid", "all")["out_declined"] >= 0.80
    for path in LOOP_SETS:
        assert facts(fresh[path.stem], "hybrid", "all")["out_declined"] >= 0.70, path.stem


def test_most_in_scope_questions_are_answered_with_the_fact(blind: Scores, fresh: dict[str, Scores]) -> None:
    for group, floor in (("en", 0.85), ("zh", 0.85)):
        assert facts(blind, "hybrid", group)["with_fact"] >= floor
        assert facts(fresh["blind3"], "hybrid", group)["with_fact"] >= floor
        assert facts(fresh["blind2"], "hybrid", group)["with_fact"] >= 0.55
        assert facts(fresh["blind4"], "hybrid", group)["with_fact"] >= 0.88  # learned: in-sample
        assert facts(fresh["blind5"], "hybrid", group)["with_fact"] >= 0.65
        assert facts(fresh["blind6"], "hybrid", group)["with_fact"] >= 0.88  # learned: in-sample
        assert facts(fresh["blind7"], "hybrid", group)["with_fact"] >= 0.85  # learned: in-sample
        assert facts(fresh["blind8"], "hybrid", group)["with_fact"] >= 0.85  # learned: in-sample
        assert facts(fresh["blind21"], "hybrid", group)["with_fact"] >= 0.65  # never learned
        for path in LOOP_SETS:
            assert facts(fresh[path.stem], "hybrid", group)["with_fact"] >= 0.85, path.stem  # learned


def test_the_fresh_sets_are_their_size_and_the_holdouts_are_all_holdout() -> None:
    for path, size, split in ((BLIND2, 160, {"holdout"}), (BLIND3, 200, {"tune"}), (BLIND4, 200, {"tune"}),
                              (BLIND5, 200, {"holdout"}), (BLIND6, 200, {"tune"}), (BLIND7, 220, {"tune"}),
                              (BLIND8, 240, {"tune"}), (BLIND21, 240, {"tune"}),
                              *((path, 150, {"tune"}) for path in LOOP_SETS)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(rows) == size and {r["split"] for r in rows} == split
        assert {r["lang"] for r in rows} == {"en", "zh"} and sum(r["scope"] == "out" for r in rows) >= 20


def test_hybrid_answers_wrongly_far_less_often_than_either_channel(blind: Scores, fresh: dict[str, Scores]) -> None:
    looped = {"blind8", *(path.stem for path in LOOP_SETS)}
    for name, scores in (("blind", blind), *fresh.items()):
        hybrid = facts(scores, "hybrid", "all")["wrong"]
        # A set the loop wrote into the entries scores in-sample for BM25 as well, so its margin is smaller.
        margin = 0.02 if name in looped else 0.05
        assert hybrid <= facts(scores, "lexical", "all")["wrong"] - margin, name
        assert hybrid <= facts(scores, "dense", "all")["wrong"] - 0.05, name
