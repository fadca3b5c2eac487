"""Every tracker test runs on a real SQLite file and on a real PostgreSQL database started by the test run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from bot.tracker import models  # noqa: F401  (registers the tables)
from bot.tracker.db import make_engine, migrate
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.fakes.clock import FakeClock
from tests.postgres import PostgresServer, postgres_server  # noqa: F401  (the session's server)
from tests.tracker.scene import OFFICER_CHAT, People, drain

TABLES = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/db/tracker.db"
    return str(request.getfixturevalue("postgres_server").create_database())


@pytest.fixture(scope="module")
def migrated_postgres_url(postgres_server: PostgresServer) -> str:  # noqa: F811
    """One migrated PostgreSQL database per module: CREATE DATABASE takes up to a second on a busy machine."""
    url = str(postgres_server.create_database())
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies: copying is faster than migrating."""
    path = tmp_path_factory.mktemp("template") / "tracker.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a migrated database holding no rows: a fresh SQLite file, or the module's PostgreSQL
    database emptied."""
    if backend == "sqlite":
        shutil.copy(request.getfixturevalue("migrated_sqlite_file"), tmp_path / "tracker.db")
        engine = make_engine(f"sqlite:///{tmp_path}/tracker.db")
    else:
        engine = make_engine(request.getfixturevalue("migrated_postgres_url"))
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tracker(engine: Engine, clock: FakeClock) -> Tracker:
    return Tracker(engine, officer_chat_id=OFFICER_CHAT, clock=clock)


@pytest.fixture
def people(tracker: Tracker) -> People:
    """Two enterprises, two officers and an admin who have all written to the bot; the outbox drained."""
    who = People()
    tracker.ensure_user(user_id=who.alice, name="Alice Wang", language="zh-hans")
    tracker.set_enterprise(user_id=who.alice, name="Acme Trading", kind="importer_exporter")
    tracker.ensure_user(user_id=who.bob, name="Bob Li", language="en")
    tracker.set_enterprise(user_id=who.bob, name="Brand Holder Ltd", credit_code="91310000MA1FL8XQ30")
    tracker.ensure_user(user_id=who.carol, name="Carol")
    for user_id, name, role in (
        (who.officer, "Officer Oscar", Role.OFFICER),
        (who.officer2, "Officer Olga", Role.OFFICER),
        (who.admin, "Admin Ada", Role.ADMIN),
    ):
        tracker.ensure_user(user_id=user_id, name=name, language="en")
        tracker.grant_role(actor_id=None, user_id=user_id, role=role)
    drain(tracker)
    return who
