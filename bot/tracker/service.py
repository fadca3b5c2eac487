"""The Tracker: every operation on the problem list, one transaction per call, keyword-only arguments.

Callers get frozen values (bot.tracker.values) and TrackerError subclasses (bot.tracker.errors), never ORM
objects or database errors they are expected to handle. The rules live in the modules named by role:
users, enterprise, officer, stats, export, outbox, chat_state. The calls are grouped as mixins of the one class
Tracker: users_service.py, casework_service.py, reports_service.py, knowledge_service.py, delivery_service.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from bot.tracker import casework, chat_state, db, enterprise, officer, views
from bot.tracker.access import load_actor
from bot.tracker.casework_service import CaseworkRecords
from bot.tracker.db import WRITE_OPTION
from bot.tracker.delivery_service import DeliveryQueues
from bot.tracker.errors import Unavailable
from bot.tracker.identity_service import IdentityRecords
from bot.tracker.knowledge import note_closed_escalation
from bot.tracker.knowledge_service import KnowledgeRecords
from bot.tracker.models import UpdateEffect
from bot.tracker.origin import current_origin
from bot.tracker.reports_service import ReportRecords
from bot.tracker.sla import ServiceLevels
from bot.tracker.unit import Unit
from bot.tracker.users_service import UserRecords
from bot.tracker.values import STAFF, Category, Intake, ItemDetail, ItemKind, ItemView


def utc_now() -> datetime:
    return datetime.now(UTC)


class Tracker(UserRecords, CaseworkRecords, ReportRecords, KnowledgeRecords, DeliveryQueues, IdentityRecords):
    """The enterprise problem list that officers clear to zero, and its outbox. Here: transactions, the
    enterprise's and the officers' calls; the rest by what they serve (bot/tracker/facade.py names the parts)."""

    def __init__(
        self,
        engine: Engine,
        *,
        officer_chat_id: int | None = None,
        levels: ServiceLevels | None = None,
        clock: Callable[[], datetime] = utc_now,
        officer_channel: str = "telegram",  # "wecom": the officers' chat notices go to the WeCom group chat
    ) -> None:
        self._engine = engine
        self._officer_chat_id = officer_chat_id
        self._officer_channel = officer_channel
        self.levels = levels or ServiceLevels()  # due times on working days (bot/tracker/sla.py)
        self._clock = clock

    @contextmanager
    def _unit(self, *, write: bool = True) -> Iterator[Unit]:
        """One transaction: committed when the block ends, rolled back (notices included) when it raises."""
        lock = db.writer_lock(self._engine) if write else None
        if lock is not None and not lock.acquire(timeout=db.SQLITE_BUSY_S):
            raise Unavailable()  # as when SQLite's own busy_timeout runs out
        try:
            with Session(self._engine, expire_on_commit=False) as session, session.begin():
                if write:
                    session.connection(execution_options={WRITE_OPTION: True})
                yield Unit(session=session, now=self._now(), officer_chat_id=self._officer_chat_id,
                           officer_channel=self._officer_channel)
        except (OperationalError, InterfaceError) as exc:
            # SQLite locked past busy_timeout, PostgreSQL restarting or unreachable: the transaction was
            # rolled back, so the caller can say "try again" and the pool reconnects (pool_pre_ping).
            raise Unavailable() from exc
        finally:
            if lock is not None:
                lock.release()

    def _write_once(self, write: Callable[[Unit], ItemView], operation: str, item_id: int | None = None) -> ItemView:
        """`write` in one transaction, done at most once per origin: when the same update is handled again after
        a crash, the item is returned as the first handling left it, unchanged. The origin is the context the
        Telegram inbox sets with bot.tracker.origin.acting_for (the tracker's public surface); None elsewhere."""
        origin = current_origin()
        with self._unit() as unit:
            if origin is None:
                return write(unit)
            key = _effect_key(origin, operation, item_id)
            done = unit.session.get(UpdateEffect, key)
            if done is not None:
                return views.item_view(unit.session, done.item_id)
            view = write(unit)
            unit.session.add(UpdateEffect(key=key, item_id=view.id, at=unit.now))
            return view

    def _now(self) -> datetime:
        """The clock's time, aware UTC (a naive clock is taken to be UTC)."""
        now = self._clock()
        return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)

    # enterprise

    def raise_item(
        self,
        *,
        actor_id: int,
        title: str,
        description: str,
        category: Category | str = Category.OTHER,
        kind: ItemKind | str = ItemKind.PROBLEM,
        intake: Intake | None = None,
    ) -> ItemView:
        """A new item, due on working days; `intake` holds the structured intake's answers."""
        return self._write_once(
            lambda unit: enterprise.raise_item(
                unit, actor_id=actor_id, title=title, description=description, category=category, kind=kind,
                intake=intake, levels=self.levels,
            ),
            "raise_item",
        )

    def set_category(self, *, actor_id: int, item_id: int, category: Category | str) -> ItemView:
        return self._write_once(
            lambda unit: enterprise.set_category(unit, actor_id=actor_id, item_id=item_id, category=category),
            "set_category", item_id,
        )

    def follow_up(self, *, actor_id: int, item_id: int, text: str) -> ItemView:
        return self._write_once(
            lambda unit: enterprise.follow_up(unit, actor_id=actor_id, item_id=item_id, text=text),
            "follow_up", item_id,
        )

    def my_items(self, *, actor_id: int) -> list[ItemView]:
        with self._unit(write=False) as unit:
            return enterprise.my_items(unit, actor_id=actor_id)

    def item_detail(self, *, actor_id: int, item_id: int) -> ItemDetail:
        with self._unit(write=False) as unit:
            return enterprise.item_detail(unit, actor_id=actor_id, item_id=item_id)

    def close_own(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
        return self._write_once(
            lambda unit: enterprise.close_own(unit, actor_id=actor_id, item_id=item_id, reason=reason),
            "close_own", item_id,
        )

    def reopen_own(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
        return self._write_once(
            lambda unit: enterprise.reopen_own(unit, actor_id=actor_id, item_id=item_id, reason=reason),
            "reopen_own", item_id,
        )

    def latest_open_item(self, *, actor_id: int) -> int | None:
        """The actor's open item changed last (asked after every answer, for its "Add to #N" button)."""
        with self._unit(write=False) as unit:
            return enterprise.latest_open_item(unit, actor_id=actor_id)

    def open_items_of(self, *, actor_id: int) -> list[ItemView]:
        with self._unit(write=False) as unit:
            return enterprise.open_items_of(unit, actor_id=actor_id)

    # officers and admins

    def queue(
        self, *, actor_id: int, category: Category | str | None = None, limit: int = 20
    ) -> list[ItemView]:
        with self._unit(write=False) as unit:
            return officer.queue(unit, actor_id=actor_id, category=category, limit=limit)

    def take(self, *, actor_id: int, item_id: int) -> ItemView:
        return self._write_once(
            lambda unit: officer.take(unit, actor_id=actor_id, item_id=item_id),
            "take", item_id,
        )

    def reply(self, *, actor_id: int, item_id: int, text: str) -> ItemView:
        return self._write_once(
            lambda unit: officer.reply(unit, actor_id=actor_id, item_id=item_id, text=text),
            "reply", item_id,
        )

    def close(
        self, *, actor_id: int, item_id: int, resolution: str, expected_version: int | None = None
    ) -> ItemView:
        def write(unit: Unit) -> ItemView:
            closed = officer.close(
                unit, actor_id=actor_id, item_id=item_id, resolution=resolution, expected_version=expected_version
            )
            note_closed_escalation(unit, closed)  # on the gaps list: the knowledge base should answer it
            return closed

        return self._write_once(write, "close", item_id)

    def reopen(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView:
        return self._write_once(
            lambda unit: officer.reopen(unit, actor_id=actor_id, item_id=item_id, reason=reason),
            "reopen", item_id,
        )

    def held_items(self, *, actor_id: int) -> list[ItemView]:
        """The items this officer holds, still in progress."""
        with self._unit(write=False) as unit:
            return officer.held_items(unit, actor_id=actor_id)

    def open_items_of_owner(self, *, actor_id: int, owner_id: int) -> list[ItemView]:
        """Staff only: an enterprise user's items still open or in progress."""
        with self._unit(write=False) as unit:
            return officer.open_items_of_owner(unit, actor_id=actor_id, owner_id=owner_id)

    def reassign(self, *, actor_id: int, item_id: int, officer_id: int) -> ItemView:
        return self._write_once(
            lambda unit: officer.reassign(unit, actor_id=actor_id, item_id=item_id, officer_id=officer_id),
            "reassign", item_id,
        )

    # similar items: reads the origin as _write_once does

    def open_texts(self, *, actor_id: int | None, limit: int = 200) -> list[tuple[int, str, int]]:
        """(id, text, owner) of the newest open items to compare a new one with: any enterprise's for staff
        and for None (the system, rendering a notice for the officers' chat), the actor's own otherwise (an
        enterprise never learns of another's items)."""
        with self._unit(write=False) as unit:
            actor = load_actor(unit, actor_id) if actor_id is not None else None
            owner = None if actor is None or actor.role in STAFF else actor_id
            rows = casework.similar_candidates(unit, limit=limit, owner_id=owner)
            # An update handled again after a crash must not find the item its first handling raised: that
            # item is this very text, and "Add to #N instead?" would replace the "logged" it was meant to get.
            raised = self._raised_for_origin(unit)
            return [row for row in rows if row[0] != raised]

    @staticmethod
    def _raised_for_origin(unit: Unit) -> int | None:
        """The item the update being handled (bot.tracker.origin) has raised already, if any."""
        origin = current_origin()
        done = unit.session.get(UpdateEffect, _effect_key(origin, "raise_item")) if origin is not None else None
        return done.item_id if done is not None else None

    # chat state

    def get_chat_state(self, *, chat_id: int) -> dict[str, Any]:
        with self._unit(write=False) as unit:
            return chat_state.get_chat_state(unit, chat_id=chat_id)

    def set_chat_state(self, *, chat_id: int, state: dict[str, Any] | None) -> None:
        with self._unit() as unit:
            chat_state.set_chat_state(unit, chat_id=chat_id, state=state)


def _effect_key(origin: str, operation: str, item_id: int | None = None) -> str:
    """The key under which a write done for `origin` is remembered (UpdateEffect)."""
    return f"{origin}/{operation}" + (f"/{item_id}" if item_id is not None else "")
