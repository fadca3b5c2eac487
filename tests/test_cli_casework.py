"""`iprdesk stats --png FILE` and the intake's columns in `iprdesk items export`, run as a process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from PIL import Image

from bot.tracker.db import make_engine, migrate
from bot.tracker.service import Tracker
from bot.tracker.values import CaseRoute, Intake, RightKind
from tests.test_cli import env, iprdesk  # noqa: F401  (the env fixture)

ALICE = 5_000_000_001


def seeded(tmp_path: Path) -> Tracker:
    engine = make_engine(f"sqlite:///{tmp_path / 'iprdesk.db'}")
    migrate(engine)
    tracker = Tracker(engine)
    tracker.ensure_user(user_id=ALICE, name="Alice")
    intake = Intake(right_kind=RightKind.TRADEMARK, recordation_no="T2019-12345", port="Dalian",
                    declared_value="300000", route=CaseRoute.EX_OFFICIO)
    tracker.raise_item(actor_id=ALICE, title="Fake bearings", description="Fake bearings", intake=intake)
    tracker.raise_item(actor_id=ALICE, title="Labels", description="Labels", category="infringement_clue")
    engine.dispose()
    return tracker


def test_stats_prints_the_figures_and_writes_the_chart(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    seeded(tmp_path)
    done = iprdesk("stats", "--png", str(tmp_path / "chart.png"), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 open · 0 in progress") and "Resolved on time" in done.stdout
    drawn = json.loads(Image.open(tmp_path / "chart.png").text["Description"])
    assert drawn["totals"][-1] == drawn["distance_to_zero"] == 2


def test_items_export_has_the_intake_columns(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    seeded(tmp_path)
    done = iprdesk("items", "export", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert (rows[0]["right_kind"], rows[0]["recordation_no"], rows[0]["declared_value"], rows[0]["route"]) == (
        "trademark", "T2019-12345", "300000", "ex_officio"
    )
    assert rows[0]["resolution_due"] and rows[1]["port"] == ""
