"""What every part of the Tracker facade calls: a transaction, and a write done at most once per origin.

The Tracker's calls are grouped by what they serve (users_service.py, casework_service.py, reports_service.py,
knowledge_service.py, delivery_service.py; the enterprise's and officers' calls in service.py); `Tracker` in
service.py, the one public class, joins them and provides these."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from bot.tracker.sla import ServiceLevels
from bot.tracker.unit import Unit
from bot.tracker.values import ItemView


class Facade:
    """The base of each group of Tracker calls; Tracker (bot/tracker/service.py) implements it."""

    levels: ServiceLevels

    def _unit(self, *, write: bool = True) -> AbstractContextManager[Unit]:
        """One transaction: committed when the block ends, rolled back (notices included) when it raises."""
        raise NotImplementedError

    def _write_once(self, write: Callable[[Unit], ItemView], operation: str, item_id: int | None = None) -> ItemView:
        """`write` in one transaction, done at most once per origin (bot.tracker.origin)."""
        raise NotImplementedError
