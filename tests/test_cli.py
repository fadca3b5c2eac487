"""The command line as a user meets it: real processes; errors are one plain line and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

IPRDESK = Path(sys.executable).parent / "iprdesk"
UNSET = ("TELEGRAM_BOT_TOKEN", "IPRDESK_TELEGRAM_BOT_TOKEN")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Settings pointing into tmp_path, no Telegram token; run in tmp_path, so no `.env` is read either."""
    base = {k: v for k, v in os.environ.items() if k not in UNSET and not k.startswith("IPRDESK_")}
    return {
        **base,
        "IPRDESK_INDEX_DIR": str(tmp_path / "index"),
        "IPRDESK_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "IPRDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'iprdesk.db'}",
        "HF_HUB_OFFLINE": "1",
    }


def iprdesk(
    *args: str, env: dict[str, str], cwd: Path, module: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", *args] if module else [str(IPRDESK), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def one_plain_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command printed on stderr; no traceback, nothing on stdout."""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert done.stdout == ""
    assert lines[0].startswith("iprdesk: ")
    return lines[0]


def test_eval_of_a_missing_file_is_one_plain_line(env: dict[str, str], tmp_path: Path) -> None:
    done = iprdesk("eval", "missing.jsonl", env=env, cwd=tmp_path)

    assert done.returncode == 1
    assert one_plain_line(done) == "iprdesk: no question set at missing.jsonl"


def test_eval_names_the_bad_line_of_a_question_set(env: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"question": "fee?", "expected": []}\n{not json\n', encoding="utf-8")

    done = iprdesk("eval", str(questions), env=env, cwd=tmp_path)

    assert done.returncode == 1
    assert f"{questions}:2: not a question object" in one_plain_line(done)


def test_index_status_with_an_empty_index_dir_says_what_to_run(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "index").mkdir()

    done = iprdesk("index", "status", env=env, cwd=tmp_path)

    assert done.returncode == 1
    line = one_plain_line(done)
    assert f"no index in {tmp_path / 'index'}" in line
    assert "run 'iprdesk index build'" in line


def test_index_status_with_a_dangling_current_is_one_plain_line(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "index").mkdir()
    (tmp_path / "index/CURRENT").write_text("build-gone\n")

    done = iprdesk("index", "status", env=env, cwd=tmp_path)

    assert done.returncode == 1
    assert "the index build build-gone is unreadable" in one_plain_line(done)


@pytest.mark.parametrize("token", [None, ""])
def test_run_without_a_token_exits_3_and_names_the_setting(
    env: dict[str, str], tmp_path: Path, token: str | None
) -> None:
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token

    done = iprdesk("run", env=env, cwd=tmp_path)

    assert done.returncode == 3
    assert "set TELEGRAM_BOT_TOKEN" in one_plain_line(done)


def test_missing_argument_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    done = iprdesk("ask", env=env, cwd=tmp_path)

    assert done.returncode == 2
    assert one_plain_line(done) == "iprdesk: Missing argument 'question'."


def test_unknown_command_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    done = iprdesk("frobnicate", env=env, cwd=tmp_path)

    assert done.returncode == 2
    assert "frobnicate" in one_plain_line(done)


def test_traceback_option_shows_the_traceback(env: dict[str, str], tmp_path: Path) -> None:
    done = iprdesk("--traceback", "eval", "missing.jsonl", env=env, cwd=tmp_path)

    assert done.returncode != 0
    assert "Traceback (most recent call last)" in done.stderr
    assert "no question set at missing.jsonl" in done.stderr


def test_python_dash_m_bot_behaves_like_the_console_script(env: dict[str, str], tmp_path: Path) -> None:
    done = iprdesk("eval", "missing.jsonl", env=env, cwd=tmp_path, module=True)

    assert done.returncode == 1
    assert one_plain_line(done) == "iprdesk: no question set at missing.jsonl"
