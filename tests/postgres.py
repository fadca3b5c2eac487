"""A throwaway PostgreSQL server for the test run (STACK-NOTES §4): initdb in a temporary folder, a free port
on 127.0.0.1, fsync off; fresh databases on demand; stopped when the session ends.

Use it from a conftest.py:  `from tests.postgres import postgres_server  # noqa: F401`.
Set IPRDESK_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres) to use a running server
instead; without it and without the server binaries, the tests that need PostgreSQL are skipped and say why.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

MISSING = "PostgreSQL not installed: apt-get install -y postgresql"
URL_VARIABLE = "IPRDESK_TEST_POSTGRES_URL"
SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    " -c max_connections=200"
)


def _version(bin_dir: str) -> tuple[int, ...]:
    return tuple(int(part) for part in Path(bin_dir).parent.name.split(".") if part.isdigit())


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb, or the folder of initdb on PATH."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One server: `admin_url` reaches its `postgres` database; `create_database()` makes a fresh one."""

    def __init__(self, admin_url: str, *, stop: list[str] | None = None, base: Path | None = None) -> None:
        self.admin_url = admin_url
        self._stop_command = stop  # None: not ours to stop
        self._base = base
        self._names = itertools.count(1)
        self._start_command: list[str] | None = None

    @classmethod
    def start(cls, bin_dir: Path) -> PostgresServer:
        """initdb + pg_ctl start as the postgres user when we are root (initdb refuses to run as root)."""
        base = Path(tempfile.mkdtemp(prefix="iprdesk-pg-"))
        try:
            as_user = _run_as_postgres(base)
            data, port = base / "data", free_port()
            initdb = [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ]
            _run([*as_user, *initdb, "--locale=C.UTF-8", "--no-sync"])
            options = f"{SERVER_OPTIONS} -p {port} -k {base}"
            pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-t", "30"]
            _run([*pg_ctl, "-l", str(base / "server.log"), "-o", options, "start"])
        except BaseException:
            shutil.rmtree(base, ignore_errors=True)
            raise
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        server = cls(url, stop=[*pg_ctl, "-m", "fast", "stop"], base=base)
        server._start_command = [*pg_ctl, "-l", str(base / "server.log"), "-o", options, "start"]
        return server

    def halt(self) -> None:
        """Stop the server (fast shutdown: clients are disconnected) but keep its files, for resume()."""
        assert self._stop_command is not None and self._start_command is not None, "not our server"
        _run(self._stop_command)

    def resume(self) -> None:
        """Start the server halt() stopped, on the same port and data."""
        assert self._start_command is not None, "not our server"
        _run(self._start_command)

    def stop(self) -> None:
        """Stop the server this object started (only that one), and remove its files."""
        if self._stop_command is not None:
            _run(self._stop_command)
        if self._base is not None:
            shutil.rmtree(self._base, ignore_errors=True)

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its SQLAlchemy URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)
        return self.admin_url.rsplit("/", 1)[0] + "/" + name


def _run_as_postgres(base: Path) -> list[str]:
    """The command prefix that runs as the `postgres` user, who then owns `base`; nothing when not root."""
    if os.geteuid() != 0:
        return []
    user = pwd.getpwnam("postgres")
    os.chown(base, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server; skips the test when there is none to be had."""
    if url := os.environ.get(URL_VARIABLE):
        yield PostgresServer(url)
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(MISSING)
    server = PostgresServer.start(bin_dir)
    try:
        yield server
    finally:
        server.stop()
