"""The real bot process (`python -m bot run`) against FakeBotAPI, a real database and one index built per session.

The index is built once with the real model and copied for each test (a test may corrupt or rebuild it);
the bot process loads the real model itself (~5 s), as in production.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import Embedder
from tests.fakes.bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> tuple[Path, Path]:
    """(knowledge dir, index dir) built once from the repository's knowledge base with the real model."""
    base = tmp_path_factory.mktemp("fault-index")
    knowledge = base / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    KnowledgeDesk(knowledge, base / "index", real_embedder).rebuild()
    return knowledge, base / "index"


@pytest.fixture
def workspace(tmp_path: Path, built_index: tuple[Path, Path]) -> Path:
    """tmp_path with its own copy of the knowledge base and the index (tests may break or rebuild them)."""
    knowledge, index = built_index
    shutil.copytree(knowledge, tmp_path / "knowledge")
    shutil.copytree(index, tmp_path / "index")
    return tmp_path


class BotProcess:
    """`python -m bot run` against `api`; start, SIGKILL and start again on the same database."""

    def __init__(self, api: FakeBotAPI, workspace: Path, database_url: str, **env: str) -> None:
        self.api, self.workspace, self.database_url = api, workspace, database_url
        self.env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "IPRDESK_DATABASE_URL": database_url,
            "IPRDESK_KNOWLEDGE_DIR": str(workspace / "knowledge"),
            "IPRDESK_INDEX_DIR": str(workspace / "index"),
            "HF_HUB_OFFLINE": "1",
            "TOKENIZERS_PARALLELISM": "false",
            **env,
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.logs: list[Path] = []  # one per start; numbered across the processes sharing the workspace

    @property
    def log_path(self) -> Path:
        return self.logs[-1]

    def start(self) -> BotProcess:
        """Start and wait until it polls (deleteWebhook comes right before the first getUpdates)."""
        polls = len(self.api.calls_of("deleteWebhook"))
        self.logs.append(self.workspace / f"bot-{len(list(self.workspace.glob('bot-*.log'))) + 1}.log")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "--verbose", "run"],
                cwd=self.workspace, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while len(self.api.calls_of("deleteWebhook")) <= polls:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the bot did not start:\n{self.log()}")
            time.sleep(0.05)
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL: no shutdown, no offset confirmed, no send settled."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit status."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise

    def log(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in self.logs)


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as api:
        yield api


@pytest.fixture
def bots() -> Iterator[list[BotProcess]]:
    """Bot processes a test starts are put here, and stopped after it whatever happened."""
    started: list[BotProcess] = []
    yield started
    for bot in started:
        if bot.process is not None and bot.process.poll() is None:
            bot.process.kill()
            bot.process.wait(timeout=10)


def query(database_url: str, sql: str, **params: Any) -> list[Any]:
    """Rows of `sql` on the bot's database, read by a connection of our own."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql), params).all())
    finally:
        engine.dispose()


from tests.postgres import postgres_server  # noqa: E402,F401  (the session's throwaway PostgreSQL)
