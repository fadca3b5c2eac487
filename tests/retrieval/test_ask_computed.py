"""`iprdesk ask --json` with a computed answer, as a real process on the real index: the `computed` object."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IPRDESK = Path(sys.executable).parent / "iprdesk"

pytestmark = pytest.mark.model


def test_ask_json_carries_the_computed_figure_and_its_basis(real_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(real_index, index_dir)
    env = {
        **os.environ,
        "IPRDESK_INDEX_DIR": str(index_dir),
        "IPRDESK_KNOWLEDGE_DIR": str(REPO / "knowledge"),
        "HF_HUB_OFFLINE": "1",
    }
    questions = (
        "goods worth RMB 50,000, detained ex officio, how much guarantee?\n"
        "我们2026年9月30日收到海关通知，最后哪天答复？\n"
        "how much bond for our goods?\n"
        "依职权扣货的话，我们的货担保最多要交多少？\n"
    )
    done = subprocess.run(
        [str(IPRDESK), "ask", "--json", "-"],
        input=questions,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    guarantee, deadline, unreadable, rule = (json.loads(line) for line in done.stdout.strip().splitlines())

    assert guarantee["answered"] is True
    assert guarantee["computed"] == {
        "kind": "guarantee",
        "inputs": {"value": "50000", "currency": "RMB", "routes": ["ex_officio"]},
        "result": {"ex_officio": {"amount": "25000", "tier": "half"}},
        "legal_basis": "Measures Art. 23",
    }
    assert "RMB 25,000" in guarantee["answer"]

    assert deadline["lang"] == "zh"
    assert deadline["computed"]["result"]["notice_reply"]["due"] == "2026-10-10"
    assert deadline["computed"]["result"]["notice_reply"]["adjusted_working_days"] == ["2026-10-10"]
    assert "2026年10月10日" in deadline["answer"]

    assert unreadable["answered"] is False and unreadable["needs"] == "amount"
    assert "computed" not in unreadable and unreadable["answer"] == ""

    # The rule asked (its cap), not one's own figure: the entry on the tiers answers, the request follows.
    assert rule["answered"] is True and rule["needs"] == "amount" and "computed" not in rule
    assert "10万元" in rule["reply"] and "计算担保金额需要货物价值" in rule["reply"]
