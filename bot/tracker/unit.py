"""The unit of work every Tracker call runs in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel


@dataclass(frozen=True)
class Unit:
    """One Tracker call: its transaction, the moment it happens and where officer notices go."""

    session: Session
    now: datetime  # timezone-aware UTC
    officer_chat_id: int | None
    officer_channel: str = "telegram"  # the channel whose sender delivers the officers' chat notices

    def insert(self, model: type[SQLModel]) -> Any:
        """An INSERT in this database's dialect, for its ON CONFLICT clauses (SQLite and PostgreSQL agree)."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        return dialect.insert(model)
