"""`iprdesk kb gaps|history|undo` as an admin runs them: real processes on a SQLite file and a knowledge folder
in tmp_path; bad input is one plain line and a non-zero exit."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.app import build_tracker
from bot.config import Settings
from bot.core.gap_export import COLUMNS
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.conftest import SAMPLE_KNOWLEDGE
from tests.test_cli import UNSET, iprdesk, one_plain_line

ADA = 7_000_000_001
TIME_LIMITS = "en/time-limits.md"
# The file as an admin's upload left it: the old one is what `kb undo` must bring back, byte for byte.
UPLOADED = SAMPLE_KNOWLEDGE[TIME_LIMITS].replace("3 working days", "three working days") + (
    "\n## Can the time limit be extended? {#extend}\n\nNo: the 3 working days are fixed by the Regulations.\n"
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """As tests/test_cli.py's: settings pointing into tmp_path, no token, no `.env`."""
    base = {k: v for k, v in os.environ.items() if k not in UNSET and not k.startswith("IPRDESK_")}
    return {**base, "IPRDESK_INDEX_DIR": str(tmp_path / "index"),
            "IPRDESK_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
            "IPRDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'iprdesk.db'}", "HF_HUB_OFFLINE": "1"}


@pytest.fixture
def tracker(env: dict[str, str], knowledge_dir: Callable[..., Path]) -> Tracker:
    """The database the commands read, with an admin; the sample knowledge written where they look."""
    knowledge_dir()
    settings = Settings(_env_file=None, database_url=env["IPRDESK_DATABASE_URL"])
    made = build_tracker(settings)
    made.ensure_user(user_id=ADA, name="Ada")
    made.grant_role(actor_id=None, user_id=ADA, role=Role.ADMIN)
    return made


def run(*args: str, env: dict[str, str], cwd: Path) -> tuple[str, str]:
    done = iprdesk("kb", *args, env=env, cwd=cwd)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout, done.stderr


@pytest.mark.model
def test_kb_gaps_exports_every_gap_grouped_to_a_file_and_to_stdout(
    env: dict[str, str], tmp_path: Path, tracker: Tracker
) -> None:
    asked = [
        ("How much guarantee do we pay to detain goods?", "en", "declined"),
        ("What is the guarantee amount for detaining goods?", "en", "declined"),
        ("Can we register our trademark in France?", "en", "unhelpful"),
        ("扣货担保金交多少？", "zh", "declined"),
    ]
    for question, lang, source in asked:
        tracker.note_gap(question=question, lang=lang, source=source, user_id=5_000_000_001,
                         entry_id="guarantees#amount" if source == "unhelpful" else None)
    france = next(g.id for g in tracker.listed_gaps(actor_id=ADA) if "France" in g.question)
    tracker.settle_gaps(actor_id=ADA, gap_ids=[france], status="dismissed")

    stdout, stderr = run("gaps", "--out", "gaps.csv", env=env, cwd=tmp_path)
    assert (stdout, stderr.strip()) == ("", "4 gaps exported")
    rows = list(csv.DictReader((tmp_path / "gaps.csv").open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert sorted(r["question"] for r in rows) == sorted(q for q, _, _ in asked)
    sizes = [int(r["group_size"]) for r in rows]
    assert sizes == sorted(sizes, reverse=True)  # the largest groups first
    for r in rows:  # a group's size is the number of its rows
        assert int(r["group_size"]) == sum(1 for o in rows if o["group"] == r["group"])
    by_question = {r["question"]: r for r in rows}
    assert by_question[asked[0][0]]["group"] == by_question[asked[1][0]]["group"]  # the same question twice
    assert by_question[asked[2][0]]["group"] != by_question[asked[0][0]]["group"]
    dismissed = by_question[asked[2][0]]
    assert (dismissed["status"], dismissed["handled_by"], dismissed["source"], dismissed["entry_shown"]) == (
        "dismissed", "Ada", "unhelpful", "guarantees#amount")
    assert by_question["扣货担保金交多少？"]["lang"] == "zh"

    stdout, _ = run("gaps", env=env, cwd=tmp_path)
    assert list(csv.DictReader(io.StringIO(stdout))) == rows  # stdout gives the same rows


@pytest.mark.model
def test_kb_undo_restores_the_exact_previous_file_and_can_itself_be_undone(
    env: dict[str, str], tmp_path: Path, tracker: Tracker
) -> None:
    path = tmp_path / "knowledge" / TIME_LIMITS
    before = path.read_bytes()
    path.write_text(UPLOADED, encoding="utf-8")  # what an upload wrote, kept as the desk keeps it
    tracker.record_knowledge_change(actor_id=ADA, topic="time-limits", path=TIME_LIMITS,
                                    previous=before.decode("utf-8"), kind="upload", summary="time-limits.md: +1 ~1 -0")

    stdout, _ = run("undo", "time-limits", env=env, cwd=tmp_path)
    assert stdout.startswith("time-limits: back as it was before the upload of ") and stdout.strip().endswith("by Ada")
    assert path.read_bytes() == before
    history, _ = run("history", "time-limits", env=env, cwd=tmp_path)
    lines = history.splitlines()
    assert [line.split()[2] for line in lines] == ["undo", "upload"]  # newest first: date, time, kind
    assert "command line" in lines[0] and "upload of" in lines[0] and "Ada" in lines[1]
    assert (tmp_path / "index" / "CURRENT").exists()  # the restored file was indexed

    run("undo", "time-limits", env=env, cwd=tmp_path)  # undoing the undo brings the upload back
    assert path.read_text(encoding="utf-8") == UPLOADED


@pytest.mark.parametrize("command", ["history", "undo"])
def test_kb_history_and_undo_of_a_topic_with_no_change_kept_is_one_plain_line(
    env: dict[str, str], tmp_path: Path, tracker: Tracker, command: str
) -> None:
    done = iprdesk("kb", command, "no-such-topic", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert one_plain_line(done) == "iprdesk: no change to no-such-topic is kept"
    assert not (tmp_path / "index").exists()  # refused before anything was built


def test_kb_undo_without_a_topic_is_a_usage_error(env: dict[str, str], tmp_path: Path, tracker: Tracker) -> None:
    done = iprdesk("kb", "undo", env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert one_plain_line(done) == "iprdesk: Missing argument 'topic'."


@pytest.mark.model
def test_kb_gaps_into_a_missing_folder_is_one_plain_line(
    env: dict[str, str], tmp_path: Path, tracker: Tracker
) -> None:
    done = iprdesk("kb", "gaps", "--out", "nowhere/gaps.csv", env=env, cwd=tmp_path)
    assert done.returncode == 1
    assert "nowhere/gaps.csv" in one_plain_line(done)
