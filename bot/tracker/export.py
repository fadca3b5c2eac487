"""The list as CSV for officers' spreadsheets."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from typing import TextIO

from sqlmodel import Session, col

from bot.tracker.models import Item
from bot.tracker.values import ItemView
from bot.tracker.views import item_views

COLUMNS = (
    "id", "kind", "category", "status", "title", "description", "enterprise", "owner_id", "owner_name",
    "assignee_id", "assignee_name", "resolution", "created_at", "updated_at", "closed_at",
    "right_kind", "recordation_no", "port", "goods", "direction", "declared_value", "route",
    "first_response_due", "resolution_due", "satisfaction", "merged_into",
)  # fmt: skip
INTAKE_FIELDS = ("right_kind", "recordation_no", "port", "goods", "direction", "declared_value", "route")
BATCH = 1000
# A cell starting with one of these is a formula to Excel and LibreOffice, and titles come from strangers.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(session: Session, out: TextIO) -> int:
    """Every item, oldest first, in batches (memory stays flat on a large list); returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    written = 0
    for view in _all_items(session):
        writer.writerow([_cell(value) for value in _row(view)])
        written += 1
    return written


def _all_items(session: Session) -> Iterator[ItemView]:
    last_id = 0
    while batch := item_views(session, col(Item.id) > last_id, order_by=(col(Item.id),), limit=BATCH):
        yield from batch
        last_id = batch[-1].id


def _row(view: ItemView) -> tuple[object, ...]:
    return (
        view.id, view.kind.value, view.category.value, view.status.value, view.title, view.description,
        view.enterprise_name, view.owner_id, view.owner_name, view.assignee_id, view.assignee_name,
        view.resolution, view.created_at, view.updated_at, view.closed_at,
        *(getattr(view.intake, name) for name in INTAKE_FIELDS),
        view.first_response_due, view.resolution_due, view.satisfaction, view.merged_into,
    )  # fmt: skip


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return str(value)
