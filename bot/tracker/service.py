"""The Tracker: every operation on the problem list, one transaction per call, keyword-only arguments.

Callers get frozen values (bot.tracker.values) and TrackerError subclasses (bot.tracker.errors), never ORM
objects or database errors they are expected to handle. The rules live in the modules named by role:
users, enterprise, officer, stats, export, outbox, chat_state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from bot.tracker import (
    casework,
    chat_state,
    db,
    enterprise,
    export,
    feedback,
    inbox,
    jobs,
    officer,
    outbox,
    recordations,
    sla,
    stats,
    users,
    views,
)
from bot.tracker.access import load_actor, load_staff
from bot.tracker.db import WRITE_OPTION
from bot.tracker.errors import Unavailable
from bot.tracker.knowledge import note_closed_escalation
from bot.tracker.knowledge_service import KnowledgeRecords
from bot.tracker.models import UpdateEffect
from bot.tracker.origin import current_origin
from bot.tracker.sla import ServiceLevels
from bot.tracker.unit import Unit
from bot.tracker.values import (
    STAFF,
    AttachmentView,
    Category,
    EnterpriseKind,
    EntryFeedback,
    Intake,
    ItemDetail,
    ItemKind,
    ItemView,
    NotificationView,
    RecordationView,
    RightKind,
    Role,
    Stats,
    UserView,
    WeeklyActive,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Tracker(KnowledgeRecords):
    """The enterprise problem list that officers clear to zero, and its outbox."""

    def __init__(
        self,
        engine: Engine,
        *,
        officer_chat_id: int | None = None,
        levels: ServiceLevels | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._engine = engine
        self._officer_chat_id = officer_chat_id
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
                yield Unit(session=session, now=self._now(), officer_chat_id=self._officer_chat_id)
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
            key = f"{origin}/{operation}" + (f"/{item_id}" if item_id is not None else "")
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

    # users

    def ensure_user(self, *, user_id: int, name: str, language: str | None = None) -> UserView:
        """Create (as an enterprise) on first contact; refresh the name; keep the language unless given."""
        # Called on every message: a read answers it unless the user is new or changed, and only then is
        # the write lock taken.
        with self._unit(write=False) as unit:
            known = users.unchanged_user(unit, user_id=user_id, name=name, language=language)
            if known is not None:
                return known
        with self._unit() as unit:
            return users.ensure_user(unit, user_id=user_id, name=name, language=language)

    def get_user(self, *, user_id: int) -> UserView | None:
        with self._unit(write=False) as unit:
            return users.get_user(unit, user_id=user_id)

    def set_language(self, *, user_id: int, language: str | None) -> None:
        with self._unit() as unit:
            users.set_language(unit, user_id=user_id, language=language)

    def grant_role(self, *, actor_id: int | None, user_id: int, role: Role | str) -> UserView:
        """actor_id None is the trusted command line; otherwise the actor must be an admin."""
        with self._unit() as unit:
            return users.change_role(unit, actor_id=actor_id, user_id=user_id, role=role)

    def revoke_role(self, *, actor_id: int | None, user_id: int) -> UserView:
        """Back to enterprise; the last admin cannot be revoked by an admin."""
        with self._unit() as unit:
            return users.change_role(unit, actor_id=actor_id, user_id=user_id, role=Role.ENTERPRISE)

    def users_with_role(self, *, actor_id: int, role: Role | str | None = None, limit: int = 100) -> list[UserView]:
        """Who holds `role` (every officer and admin when None); enterprise users are listed to admins only."""
        with self._unit(write=False) as unit:
            return users.users_with_role(unit, actor_id=actor_id, role=role, limit=limit)

    def bootstrap_admins(self, ids: Iterable[int]) -> None:
        with self._unit() as unit:
            users.bootstrap_admins(unit, ids)

    def set_enterprise(
        self,
        *,
        user_id: int,
        name: str,
        kind: EnterpriseKind | str = EnterpriseKind.RIGHTS_HOLDER,
        credit_code: str | None = None,
        recordation_numbers: str | None = None,
    ) -> UserView:
        with self._unit() as unit:
            return users.set_enterprise(
                unit,
                user_id=user_id,
                name=name,
                kind=kind,
                credit_code=credit_code,
                recordation_numbers=recordation_numbers,
            )

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

    def record_feedback(self, *, user_id: int, entry_id: str, question: str, helpful: bool) -> None:
        """A 👍/👎 on an entry; the user's latest verdict on it counts."""
        with self._unit() as unit:
            feedback.record(unit, user_id=user_id, entry_id=entry_id, question=question, helpful=helpful)

    def least_helpful(self, *, actor_id: int, limit: int = 5) -> list[EntryFeedback]:
        """Entries users marked not helpful, the most often first (staff only)."""
        with self._unit(write=False) as unit:
            return feedback.least_helpful(unit, actor_id=actor_id, limit=limit)

    def daily_digest(self, *, every: timedelta) -> bool:
        """Queue the officers' chat its digest (open, in progress, overdue) unless a replica did within `every`."""
        with self._unit() as unit:
            return jobs.daily_digest(unit, every=every, levels=self.levels)

    # casework (bot/tracker/casework.py, recordations.py)

    def keep_file(
        self, *, actor_id: int, kind: str, file_id: str, file_name: str | None = None, mime_type: str | None = None,
        size: int = 0, item_id: int | None = None, recordation_id: int | None = None,
    ) -> AttachmentView:
        """A photo or document the actor sent, kept by its Telegram file id: on its item (the officer gets it),
        on its recordation's guide, or unattached until it picks the item."""
        with self._unit() as unit:
            return casework.keep_file(
                unit, actor_id=actor_id, kind=kind, file_id=file_id, file_name=file_name, mime_type=mime_type,
                size=size, item_id=item_id, recordation_id=recordation_id,
            )

    def attach_file(self, *, actor_id: int, attachment_id: int, item_id: int) -> AttachmentView:
        with self._unit() as unit:
            return casework.attach(unit, actor_id=actor_id, attachment_id=attachment_id, item_id=item_id)

    def attachments(self, *, actor_id: int, item_id: int) -> list[AttachmentView]:
        with self._unit(write=False) as unit:
            return casework.attachments_of(unit, actor_id=actor_id, item_id=item_id)

    def attachment(self, *, actor_id: int, attachment_id: int) -> AttachmentView:
        """One file the actor may have sent again: its own, on an item it may see, or (staff) a guide's."""
        with self._unit(write=False) as unit:
            return casework.attachment(unit, actor_id=actor_id, attachment_id=attachment_id)

    def merge(self, *, actor_id: int, into_id: int, from_id: int) -> ItemView:
        return self._write_once(
            lambda unit: casework.merge(unit, actor_id=actor_id, into_id=into_id, from_id=from_id),
            "merge", from_id,
        )

    def rate(self, *, actor_id: int, item_id: int, score: int, comment: str | None = None) -> ItemView:
        with self._unit() as unit:
            return casework.rate(unit, actor_id=actor_id, item_id=item_id, score=score, comment=comment)

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
        done = unit.session.get(UpdateEffect, f"{origin}/raise_item") if origin is not None else None
        return done.item_id if done is not None else None

    def add_recordation(
        self, *, actor_id: int, number: str, right_kind: RightKind | str, expires: date
    ) -> RecordationView:
        with self._unit() as unit:
            return recordations.add(unit, actor_id=actor_id, number=number, right_kind=right_kind, expires=expires)

    def recordations(self, *, actor_id: int) -> list[RecordationView]:
        with self._unit(write=False) as unit:
            return recordations.of_owner(unit, actor_id=actor_id)

    def remove_recordation(self, *, actor_id: int, recordation_id: int) -> RecordationView:
        with self._unit() as unit:
            return recordations.remove(unit, actor_id=actor_id, recordation_id=recordation_id)

    def set_guide(self, *, actor_id: int, recordation_id: int, guide: str) -> RecordationView:
        with self._unit() as unit:
            return recordations.set_guide(unit, actor_id=actor_id, recordation_id=recordation_id, guide=guide)

    def recordation_guide(
        self, *, actor_id: int, recordation_id: int
    ) -> tuple[RecordationView, list[AttachmentView]]:
        """The guide to genuine goods and its photos: the owner's, or any officer's to open."""
        with self._unit(write=False) as unit:
            view = recordations.guide_for(unit, actor_id=actor_id, recordation_id=recordation_id)
            return view, casework.guide_photos(unit, recordation_id=recordation_id)

    def recordation_numbered(self, *, actor_id: int, owner_id: int, number: str) -> RecordationView | None:
        """Staff: the owner's recordation with this number, to link an item's intake to its guide."""
        with self._unit(write=False) as unit:
            return recordations.with_number(unit, actor_id=actor_id, owner_id=owner_id, number=number)

    def weekly_active(self, *, actor_id: int | None, weeks: int = 12) -> WeeklyActive:
        """Staff (None: the command line): open and in-progress items per week and category, for the chart."""
        with self._unit(write=False) as unit:
            return stats.weekly_active(unit, actor_id=actor_id, weeks=weeks)

    def stats_for_cli(self) -> Stats:
        """The command line's /stats figures (no actor: it is trusted like `users grant`)."""
        with self._unit(write=False) as unit:
            return stats.stats(unit, actor_id=None)

    def send_reminders(self) -> int:
        """Remind before due times, announce passed ones, remind of recordations' renewal: each once across all
        replicas (a periodic job every replica runs). Returns the notices queued."""
        with self._unit() as unit:
            return sla.sweep(unit) + recordations.remind(unit)

    def stats(self, *, actor_id: int) -> Stats:
        with self._unit(write=False) as unit:
            return stats.stats(unit, actor_id=actor_id)

    def export_csv(self, out: TextIO, *, actor_id: int | None = None) -> int:
        """Write every item as CSV to `out`; returns the rows written. actor_id None is the command line."""
        with self._unit(write=False) as unit:
            if actor_id is not None:
                load_staff(unit, actor_id)
            return export.write_csv(unit.session, out)

    # outbox, for the Telegram sender (several processes may claim at once)

    def claim_notifications(self, *, limit: int = 50, lease_s: float = 60) -> list[NotificationView]:
        """Due notices nobody holds; the caller holds them for lease_s seconds, then they are due again."""
        # A read first: the sender looks after every answer, and most of the time nothing is due; the
        # write transaction (on SQLite the database's one write lock) is taken only when something is.
        with self._unit(write=False) as unit:
            if not outbox.any_due(unit):
                return []
        with self._unit() as unit:
            return outbox.claim(unit, limit=limit, lease_s=lease_s)

    def mark_delivered(self, *, notification_id: int) -> None:
        with self._unit() as unit:
            outbox.mark_delivered(unit, notification_id)

    def mark_retry(self, *, notification_id: int, error: str, delay_s: float) -> None:
        with self._unit() as unit:
            outbox.mark_retry(unit, notification_id, error=error, delay_s=delay_s)

    def mark_undeliverable(self, *, notification_id: int, reason: str) -> None:
        with self._unit() as unit:
            outbox.mark_undeliverable(unit, notification_id, reason=reason)

    def pending_count(self) -> int:
        with self._unit(write=False) as unit:
            return outbox.pending_count(unit)

    # inbox of Telegram updates, for the channels (several replicas may recover at once)

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]:
        """Store (update id, JSON) pairs; the ids not seen before, now held by the caller for lease_s."""
        with self._unit() as unit:
            return inbox.receive(unit, updates, lease_s=lease_s)

    def claim_stale_updates(
        self, *, limit: int, lease_s: float, max_attempts: int, held_too: bool = False
    ) -> list[tuple[int, str]]:
        """Updates whose handler died before it was done (`held_too`: or still holds them), now held by the
        caller for lease_s."""
        with self._unit() as unit:
            return inbox.claim_stale(unit, limit=limit, lease_s=lease_s, max_attempts=max_attempts, held_too=held_too)

    def defer_updates(self, *, update_ids: Sequence[int]) -> None:
        """Give back stored updates this replica will not start now; recovery takes them (no attempt counted)."""
        with self._unit() as unit:
            inbox.defer(unit, update_ids)

    def mark_update_done(self, *, update_id: int) -> None:
        with self._unit() as unit:
            inbox.mark_done(unit, update_id)

    def prune_inbox(self, *, older_than: timedelta) -> int:
        with self._unit() as unit:
            return inbox.prune(unit, older_than=older_than)

    def inbox_pending_count(self) -> int:
        with self._unit(write=False) as unit:
            return inbox.pending_count(unit)

    # operations: plain figures for the web server's /healthz and /metrics (numbers only, so no actor)

    def schema_revisions(self) -> tuple[str | None, str | None]:
        """(the database's schema revision, the newest the code has); raises when it is unreachable."""
        return db.revisions(self._engine)

    def items_by_status(self) -> dict[str, int]:
        with self._unit(write=False) as unit:
            return stats.by_status(unit.session)

    def undeliverable_count(self) -> int:
        with self._unit(write=False) as unit:
            return outbox.undeliverable_count(unit)

    # chat state

    def get_chat_state(self, *, chat_id: int) -> dict[str, Any]:
        with self._unit(write=False) as unit:
            return chat_state.get_chat_state(unit, chat_id=chat_id)

    def set_chat_state(self, *, chat_id: int, state: dict[str, Any] | None) -> None:
        with self._unit() as unit:
            chat_state.set_chat_state(unit, chat_id=chat_id, state=state)
