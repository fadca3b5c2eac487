"""Engines for SQLite and PostgreSQL, and the Alembic migrations applied from code."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url

MIGRATIONS = Path(__file__).parent / "migrations"
# Execution option a write transaction sets; on SQLite it turns its BEGIN into BEGIN IMMEDIATE.
WRITE_OPTION = "tracker_write"
# How long a writer waits for SQLite's write lock before the caller is told "busy, try again".
SQLITE_BUSY_S = 5.0
_writer_locks: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


def make_engine(url: str) -> Engine:
    """An engine for `sqlite:///path` or `postgresql://...` (run through psycopg 3)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=True)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    _writer_locks[engine] = threading.Lock()
    return engine


def writer_lock(engine: Engine) -> threading.Lock | None:
    """The lock this process's writers to a SQLite engine queue on (None for PostgreSQL).

    SQLite lets one writer in at a time, and its busy handler makes the others sleep and poll, in steps
    that grow to 100 ms: under load most of a writer's time went to sleeping past the moment the lock
    was free. Queued on a lock in the process, the next writer starts the moment the last one commits;
    busy_timeout still covers writers in other processes."""
    return _writer_locks.get(engine)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Take BEGIN away from the sqlite3 module (it skips it before SELECT) so that _begin_sqlite_transaction
    # decides: reads are real snapshots and writes lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_S * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    # A deferred transaction that reads and then writes fails with "database is locked" when another
    # writer committed in between, without waiting; BEGIN IMMEDIATE waits (busy_timeout) for the write
    # lock first, so a concurrent change shows up as a Conflict in the service instead.
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Config:
    """The Alembic configuration, built in code: no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creating every table on an empty database)."""
    command.upgrade(alembic_config(engine), "head")


def revisions(engine: Engine) -> tuple[str | None, str | None]:
    """(the database's schema revision, the newest one the code has); raises when the database is unreachable."""
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    return (str(current) if current is not None else None), head
