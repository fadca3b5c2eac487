"""The security tests' scene: the chat core's fixtures (real Tracker on SQLite, fake engine) and a table dump."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text

from bot.tracker.service import Tracker
from tests.core.conftest import (  # noqa: F401 - fixtures, re-exported for this package
    ada,
    alice,
    bob,
    dialog,
    officer_chat,
    olga,
    oscar,
    services,
    tracker,
)


def dump(of: Tracker, *, skip: tuple[str, ...] = ("alembic_version",)) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: two dumps are equal when nothing changed."""
    engine = of._engine  # the test looks at the database itself, not through the service
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t not in skip]
        return {
            table: sorted((tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))), key=repr)
            for table in tables
        }
