"""What the knowledge loop's tracker calls return: plain frozen values that import no database library,
so that the core can name them (tests/test_architecture.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChangeView:
    """One change to a knowledge file, with the file as it was before it."""

    id: int
    topic: str
    path: str
    kind: str
    summary: str
    actor_name: str
    at: datetime
    previous: str | None


@dataclass(frozen=True)
class GapView:
    id: int
    question: str
    lang: str
    source: str
    entry_id: str | None
    item_id: int | None
    at: datetime
    status: str
    handled_name: str | None
    answer_entry: str | None


@dataclass(frozen=True)
class DraftView:
    id: int
    kind: str
    status: str
    author_id: int
    file_name: str | None
    content: str
    lang: str
    removed: tuple[str, ...]
    item_id: int | None
    decided_name: str | None
    created_at: datetime
