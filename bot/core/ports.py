"""What the core needs from the engine, the knowledge desk and the tracker: structural types only.

The core never imports the wiring (bot.app pulls in settings) nor the tracker's database code; the real
services match these protocols by shape, and mypy checks that where bot.app hands them to the Dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from bot.core.limits import LimitSettings
from bot.retrieval.answers import Answer
from bot.retrieval.knowledge import Knowledge
from bot.retrieval.reports import FileChange, UploadReport
from bot.rules.calculator import Calculator
from bot.tracker.knowledge_views import ChangeView, DraftView, GapView
from bot.tracker.values import Category, EntryFeedback, ItemDetail, ItemKind, ItemView, Role, Stats, UserView


class RetrieverPort(Protocol):
    def ask(self, question: str, lang: str | None = None) -> Answer: ...

    def entry(self, entry_id: str, lang: str | None = None) -> Answer | None: ...

    def group_questions(self, texts: Sequence[str]) -> list[list[int]]: ...  # by what they ask, largest first


class UploadReportPort(Protocol):
    @property
    def ok(self) -> bool: ...

    @property
    def errors(self) -> Sequence[str]: ...

    @property
    def sections(self) -> int: ...


class BuildReportPort(Protocol):
    @property
    def sections(self) -> int: ...

    @property
    def embedded(self) -> int: ...

    @property
    def reused(self) -> int: ...

    @property
    def errors(self) -> Sequence[str]: ...

    @property
    def took_s(self) -> float: ...

    @property
    def unchanged(self) -> bool: ...  # nothing changed since the build in service: none was made


class KnowledgePort(Protocol):
    def upload(
        self, file_name: str, data: bytes, record: Callable[[FileChange], object] | None = None
    ) -> UploadReport: ...

    def rebuild(self) -> BuildReportPort: ...

    # The knowledge loop (bot/core/kb.py): an upload previewed, files edited under the build lock, the topics.
    def preview(self, file_name: str, data: bytes) -> UploadReport: ...

    # `record` keeps the change (the previous version, who, when) while the build lock is held.
    def change_file(
        self, path: str, edit: Callable[[bytes | None], bytes | None], record: Callable[[FileChange], object]
    ) -> FileChange: ...

    def knowledge(self) -> Knowledge: ...


class TrackerPort(Protocol):
    def ensure_user(self, *, user_id: int, name: str, language: str | None = None) -> UserView: ...

    def get_user(self, *, user_id: int) -> UserView | None: ...

    def set_language(self, *, user_id: int, language: str) -> Any: ...

    def use_channel(self, *, user_id: int, channel: str) -> None: ...

    def new_link_code(self, *, user_id: int, channel: str) -> str: ...

    def link_channels(self, *, user_id: int, channel: str, code: str) -> int: ...

    def grant_role(self, *, actor_id: int | None, user_id: int, role: Role) -> Any: ...

    def revoke_role(self, *, actor_id: int | None, user_id: int) -> Any: ...

    def raise_item(
        self,
        *,
        actor_id: int,
        title: str,
        description: str,
        category: Category = Category.OTHER,
        kind: ItemKind = ItemKind.PROBLEM,
    ) -> ItemView: ...

    def set_category(self, *, actor_id: int, item_id: int, category: Category) -> ItemView: ...

    def follow_up(self, *, actor_id: int, item_id: int, text: str) -> Any: ...

    def my_items(self, *, actor_id: int) -> Sequence[ItemView]: ...

    def latest_open_item(self, *, actor_id: int) -> int | None: ...

    def open_items_of(self, *, actor_id: int) -> Sequence[ItemView]: ...

    def item_detail(self, *, actor_id: int, item_id: int) -> ItemDetail: ...

    def close_own(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView: ...

    def reopen_own(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView: ...

    def queue(
        self, *, actor_id: int, category: Category | None = None, limit: int = 20
    ) -> Sequence[ItemView]: ...

    def take(self, *, actor_id: int, item_id: int) -> ItemView: ...

    def reply(self, *, actor_id: int, item_id: int, text: str) -> Any: ...

    def close(
        self, *, actor_id: int, item_id: int, resolution: str, expected_version: int | None = None
    ) -> ItemView: ...

    def reopen(self, *, actor_id: int, item_id: int, reason: str | None = None) -> ItemView: ...

    def held_items(self, *, actor_id: int) -> Sequence[ItemView]: ...

    def open_items_of_owner(self, *, actor_id: int, owner_id: int) -> Sequence[ItemView]: ...

    def users_with_role(self, *, actor_id: int, role: Role | None = None, limit: int = 100) -> Sequence[UserView]: ...

    def reassign(self, *, actor_id: int, item_id: int, officer_id: int) -> ItemView: ...

    def stats(self, *, actor_id: int) -> Stats: ...

    def record_feedback(self, *, user_id: int, entry_id: str, question: str, helpful: bool) -> None: ...

    def least_helpful(self, *, actor_id: int, limit: int = 5) -> list[EntryFeedback]: ...

    def record_knowledge_change(
        self, *, actor_id: int | None, topic: str, path: str, previous: str | None, kind: str, summary: str
    ) -> ChangeView: ...

    def knowledge_changes(self, *, actor_id: int | None, topic: str, limit: int = 10) -> list[ChangeView]: ...

    def note_gap(
        self, *, question: str, lang: str, source: str, user_id: int | None, entry_id: str | None = None,
        item_id: int | None = None,
    ) -> None: ...

    def listed_gaps(self, *, actor_id: int | None, limit: int = 500) -> list[GapView]: ...

    def gap(self, *, actor_id: int, gap_id: int) -> GapView: ...

    def dismissed_questions(self, *, limit: int = 200) -> list[str]: ...

    def settle_gaps(
        self, *, actor_id: int, gap_ids: list[int], status: str, answer_entry: str | None = None
    ) -> int: ...

    def add_draft(
        self, *, author_id: int, kind: str, content: str, lang: str, file_name: str | None = None,
        removed: list[str] | None = None, item_id: int | None = None,
    ) -> DraftView: ...

    def propose_answer(
        self, *, author_id: int, content: str, lang: str, removed: list[str], item_id: int
    ) -> tuple[DraftView, int]: ...

    def pending_drafts(self, *, actor_id: int, limit: int = 20) -> list[DraftView]: ...

    def draft(self, *, actor_id: int, draft_id: int) -> DraftView: ...

    def edit_draft(self, *, actor_id: int, draft_id: int, content: str) -> DraftView: ...

    def decide_draft(self, *, actor_id: int, draft_id: int, status: str) -> DraftView: ...

    def reopen_draft(self, *, draft_id: int) -> None: ...

    def get_chat_state(self, *, chat_id: int) -> dict[str, Any]: ...

    def set_chat_state(self, *, chat_id: int, state: dict[str, Any]) -> None: ...


class ServicesPort(Protocol):
    """The part of bot.app.Services the conversation uses."""

    @property
    def settings(self) -> LimitSettings: ...

    @property
    def retriever(self) -> RetrieverPort: ...

    @property
    def knowledge(self) -> KnowledgePort: ...

    @property
    def tracker(self) -> TrackerPort: ...


class ObserverPort(Protocol):
    """Counts for whoever watches the desk (the web server's /metrics); plain calls, no platform."""

    def question(self, *, answered: bool, lang: str) -> None: ...

    def escalation(self) -> None: ...


class _Unobserved:
    def question(self, *, answered: bool, lang: str) -> None:
        """Nobody counts."""

    def escalation(self) -> None:
        """Nobody counts."""


_RULES = Calculator()


def calculator_of(services: object) -> Calculator:
    """The services' calculator (bot.app.Services builds one with the admin's holiday schedules), else the rules
    with the package's calendar and China's date: a service double need not carry one."""
    calculator = getattr(services, "calculator", None)
    return calculator if isinstance(calculator, Calculator) else _RULES


def observer_of(services: object) -> ObserverPort:
    """The services' optional `observer` (bot.app.Services has one; fakes need not), else one that ignores."""
    observer = getattr(services, "observer", None)
    return observer if observer is not None else _Unobserved()
