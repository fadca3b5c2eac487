"""Alembic environment: runs on the engine that bot.tracker.db.migrate() puts in the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, text
from sqlmodel import SQLModel

from bot.tracker import models  # noqa: F401  (registers every table on SQLModel.metadata)
from bot.tracker.db import WRITE_OPTION

target_metadata = SQLModel.metadata
# Any constant will do: it only has to be the same in every process that migrates this database.
MIGRATION_LOCK = 0x1B7D_E5C


def run_migrations(connection: Connection) -> None:
    """Apply pending revisions in one transaction, one process at a time."""
    connection.execution_options(**{WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite can only ALTER by copying the table
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Replicas starting together: the second waits, then finds the schema already at head.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_online() -> None:
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; use bot.tracker.db.migrate()")
run_migrations_online()
