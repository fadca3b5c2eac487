"""The schema comes from the migrations alone, on an empty database, and matches the models exactly."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from bot.tracker import models  # noqa: F401  (registers the tables)
from bot.tracker.db import alembic_config, make_engine, migrate

TABLES = {"user_account", "enterprise", "item", "item_event", "notification", "chat_state"}


def test_migrations_build_every_table_from_an_empty_database(db_url: str) -> None:
    engine = make_engine(db_url)
    assert not set(inspect(engine).get_table_names()) & TABLES
    migrate(engine)
    assert TABLES | {"alembic_version"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_migrating_again_changes_nothing(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)
    with engine.connect() as connection:
        newest = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
        assert [connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()] == newest
    engine.dispose()


def test_downgrade_removes_every_table_and_upgrade_brings_them_back(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    command.downgrade(alembic_config(engine), "base")
    assert not set(inspect(engine).get_table_names()) & TABLES
    migrate(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_sqlite_engine_creates_its_folder_and_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/deep/er/iprdesk.db")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    assert (tmp_path / "deep" / "er" / "iprdesk.db").exists()
    engine.dispose()


def test_plain_postgresql_urls_are_run_through_psycopg_3() -> None:
    engine = make_engine("postgresql://bot@db.example:5432/iprdesk")  # nothing connects until first use
    assert engine.url.drivername == "postgresql+psycopg"
    assert engine.pool._pre_ping
