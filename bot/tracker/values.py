"""The words of the problem list and the plain frozen values the Tracker hands out (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

TITLE_MAX = 200
TEXT_MAX = 4000  # description, reply, follow-up and resolution
NAME_MAX = 200
LANGUAGES = ("en", "zh")


class Role(StrEnum):
    ENTERPRISE = "enterprise"
    OFFICER = "officer"
    ADMIN = "admin"


class EnterpriseKind(StrEnum):
    RIGHTS_HOLDER = "rights_holder"
    IMPORTER_EXPORTER = "importer_exporter"
    AGENT = "agent"


class ItemKind(StrEnum):
    PROBLEM = "problem"  # raised by an enterprise
    ESCALATION = "escalation"  # a question the bot could not answer


class Category(StrEnum):
    RECORDATION = "recordation"
    OTHER_PORTS = "other_ports"
    INFRINGEMENT_CLUE = "infringement_clue"
    RISK_ANALYSIS = "risk_analysis"
    DETENTION_GUARANTEE = "detention_guarantee"
    OTHER = "other"


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"  # closed by an officer, with a resolution
    CLOSED = "closed"  # closed by its owner


ACTIVE = (Status.OPEN, Status.IN_PROGRESS)
FINISHED = (Status.RESOLVED, Status.CLOSED)
STAFF = (Role.OFFICER, Role.ADMIN)


class EventKind(StrEnum):
    CREATED = "created"
    ASSIGNED = "assigned"
    OFFICER_REPLY = "officer_reply"
    FOLLOW_UP = "follow_up"
    STATUS_CHANGE = "status_change"
    CATEGORY_CHANGE = "category_change"


class NoticeKind(StrEnum):
    """The `kind` of an outbox row. Payloads (JSON objects):

    item_created {item_id, kind, category, title, description, enterprise, owner_name} -> officer chat
    item_taken {item_id, officer} · officer_reply {item_id, text, officer} · item_closed {item_id, resolution}
    · item_reopened {item_id} -> the owner (item_reopened goes to the assignee or officer chat when the
    owner reopens) · follow_up {item_id, text, owner_name} -> the assignee, else the officer chat
    · role_granted {role} -> the user · item_reassigned {item_id} -> the new assignee
    · daily_digest {open, in_progress, overdue, overdue_days, oldest: [item ids]} -> officer chat
    · items_returned {items: [item ids], officer} -> officer chat, when an officer loses the role.
    """

    ITEM_CREATED = "item_created"
    ITEM_TAKEN = "item_taken"
    OFFICER_REPLY = "officer_reply"
    ITEM_CLOSED = "item_closed"
    ITEM_REOPENED = "item_reopened"
    FOLLOW_UP = "follow_up"
    ROLE_GRANTED = "role_granted"
    ITEM_REASSIGNED = "item_reassigned"
    DAILY_DIGEST = "daily_digest"
    ITEMS_RETURNED = "items_returned"


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    language: str | None
    role: Role
    enterprise_name: str | None


@dataclass(frozen=True)
class ItemView:
    id: int
    kind: ItemKind
    category: Category
    title: str
    description: str
    status: Status
    owner_id: int
    owner_name: str
    enterprise_name: str | None
    assignee_id: int | None
    assignee_name: str | None
    resolution: str | None
    created_at: datetime  # all times are timezone-aware UTC
    updated_at: datetime
    closed_at: datetime | None
    version: int


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor_id: int | None
    actor_name: str | None
    event: EventKind
    text: str | None
    from_status: Status | None
    to_status: Status | None


@dataclass(frozen=True)
class ItemDetail:
    item: ItemView
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class Stats:
    """The state of the list; the goal is `distance_to_zero == 0`."""

    open: int
    in_progress: int
    resolved: int
    closed: int
    total: int
    median_hours_to_close: float | None  # over every item that has been closed; None when none has
    overdue: int  # open or in progress for longer than the tracker's overdue_days
    by_category: dict[str, int]  # every category, zeros included
    open_by_category: dict[str, int]  # open + in progress
    waiting_by_category: dict[str, int]  # open only: nobody holds them
    in_progress_by_category: dict[str, int]
    distance_to_zero: int  # open + in progress
    cleared_percent: float  # (resolved + closed) / total; an empty list is cleared (100.0)


@dataclass(frozen=True)
class EntryFeedback:
    """How users judged one knowledge-base entry."""

    entry_id: str
    unhelpful: int
    helpful: int


@dataclass(frozen=True)
class NotificationView:
    id: int
    chat_id: int
    kind: NoticeKind
    payload: dict[str, Any]
    lang: str
    attempts: int  # delivery attempts so far, this claim included
