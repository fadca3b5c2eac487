"""What casework needs from the tracker beyond bot.core.ports.TrackerPort (structural, as there): kept apart so
the shared port stays small; bot.tracker.service.Tracker has every method."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol, cast

from bot.core.turn import Turn
from bot.tracker.values import (
    AttachmentView,
    Category,
    Intake,
    ItemKind,
    ItemView,
    RecordationView,
    RightKind,
    WeeklyActive,
)


class CaseworkTracker(Protocol):
    def raise_item(
        self, *, actor_id: int, title: str, description: str, category: Category = Category.OTHER,
        kind: ItemKind = ItemKind.PROBLEM, intake: Intake | None = None,
    ) -> ItemView: ...

    def follow_up(self, *, actor_id: int, item_id: int, text: str) -> Any: ...

    def open_items_of(self, *, actor_id: int) -> Sequence[ItemView]: ...

    def open_texts(self, *, actor_id: int | None, limit: int = 200) -> Sequence[tuple[int, str, int]]: ...

    def keep_file(
        self, *, actor_id: int, kind: str, file_id: str, file_name: str | None = None, mime_type: str | None = None,
        size: int = 0, item_id: int | None = None, recordation_id: int | None = None,
    ) -> AttachmentView: ...

    def attach_file(self, *, actor_id: int, attachment_id: int, item_id: int) -> AttachmentView: ...

    def attachments(self, *, actor_id: int, item_id: int) -> Sequence[AttachmentView]: ...

    def attachment(self, *, actor_id: int, attachment_id: int) -> AttachmentView: ...

    def merge(self, *, actor_id: int, into_id: int, from_id: int) -> ItemView: ...

    def rate(self, *, actor_id: int, item_id: int, score: int, comment: str | None = None) -> ItemView: ...

    def add_recordation(
        self, *, actor_id: int, number: str, right_kind: RightKind | str, expires: dt.date
    ) -> RecordationView: ...

    def recordations(self, *, actor_id: int) -> Sequence[RecordationView]: ...

    def remove_recordation(self, *, actor_id: int, recordation_id: int) -> RecordationView: ...

    def set_guide(self, *, actor_id: int, recordation_id: int, guide: str) -> RecordationView: ...

    def recordation_guide(
        self, *, actor_id: int, recordation_id: int
    ) -> tuple[RecordationView, Sequence[AttachmentView]]: ...

    def recordation_numbered(self, *, actor_id: int, owner_id: int, number: str) -> RecordationView | None: ...

    def weekly_active(self, *, actor_id: int | None, weeks: int = 12) -> WeeklyActive: ...


def tracker_of(turn: Turn) -> CaseworkTracker:
    return cast(CaseworkTracker, turn.services.tracker)


def tracker_from(services: object) -> CaseworkTracker:
    return cast(CaseworkTracker, services.tracker)  # type: ignore[attr-defined]
