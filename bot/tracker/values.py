"""The words of the problem list and the plain frozen values the Tracker hands out (never ORM objects)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

# The notices: their kinds and one dataclass per kind live in notices.py (the payload is written and read there).
from bot.tracker.notices import Notice, notice_of
from bot.tracker.notices import NoticeKind as NoticeKind

TITLE_MAX = 200
TEXT_MAX = 4000  # description, reply, follow-up and resolution
NAME_MAX = 200
LINK_VALID_MINUTES = 10  # a /link code works this long
# The officers' chat when it is only a WeCom group chat (no Telegram group): a chat id no Telegram chat or desk
# user has (Telegram's ids fit in 52 bits; WeCom members' desk ids start at 2**53).
WECOM_OFFICER_CHAT_ID = -(2**53)
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


class RightKind(StrEnum):
    """The right an intake names (Regulations Art. 2: trademarks, copyrights and related rights, patents;
    the Olympic and World Expo symbols are protected at the border too)."""

    TRADEMARK = "trademark"
    PATENT = "patent"
    COPYRIGHT = "copyright"
    SYMBOL = "symbol"  # Olympic or World Expo symbol
    OTHER = "other"


# GACC recordation numbers: a letter for the right (T trademark, P patent, C copyright; others are given other
# letters), the year of filing and a serial number: T2019-12345. Typed with any dash, in either case.
RECORDATION_NUMBER = re.compile(r"([A-Z])\s*(\d{4})\s*[-‐‑–—－]?\s*(\d{3,8})")


def normalize_number(typed: str) -> str | None:
    """`t2019 12345` -> `T2019-12345`; None when it is not a recordation number."""
    match = RECORDATION_NUMBER.fullmatch(typed.strip().upper())
    return None if match is None else f"{match[1]}{match[2]}-{match[3]}"


class Direction(StrEnum):
    IMPORT = "import"
    EXPORT = "export"


class CaseRoute(StrEnum):
    EX_OFFICIO = "ex_officio"  # customs found the goods
    APPLICATION = "application"  # the holder applies for detention


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
    MERGED = "merged"  # text: "into #N" on the merged item, "from #M: <its description>" on the one that took it
    ATTACHED = "attached"  # text: the file's name
    RATED = "rated"  # text: "score[: comment]"


@dataclass(frozen=True)
class Intake:
    """The structured intake's answers; None where the person skipped the step."""

    right_kind: RightKind | None = None
    recordation_no: str | None = None
    port: str | None = None
    goods: str | None = None
    direction: Direction | None = None
    declared_value: str | None = None  # RMB, a decimal as text
    route: CaseRoute | None = None

    @property
    def empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    language: str | None
    role: Role
    enterprise_name: str | None
    channel: str = "telegram"  # the channel in use: the one the user last wrote from


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
    intake: Intake = Intake()
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    next_due_at: datetime | None = None  # the due time of the next step while active
    satisfaction: int | None = None
    merged_into: int | None = None


@dataclass(frozen=True)
class AttachmentView:
    id: int
    item_id: int | None
    recordation_id: int | None
    owner_id: int
    kind: str  # photo | document
    file_id: str
    file_name: str | None
    mime_type: str | None
    size: int
    created_at: datetime


@dataclass(frozen=True)
class RecordationView:
    id: int
    owner_id: int
    number: str
    right_kind: RightKind
    expires: date
    renewal_opens: date
    guide: str | None
    photos: int  # guide photos


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
    # Service levels (working days): resolved items with a due time, and how many of those were on time.
    with_due: int = 0
    on_time: int = 0
    rated: int = 0  # items given a satisfaction score
    score_sum: int = 0
    satisfied: int = 0  # scores of 4 or 5
    expiring_recordations: int = 0  # recordations whose last day is within the next six months

    @property
    def on_time_percent(self) -> float | None:
        return round(100.0 * self.on_time / self.with_due, 1) if self.with_due else None

    @property
    def average_score(self) -> float | None:
        return round(self.score_sum / self.rated, 2) if self.rated else None

    @property
    def satisfied_percent(self) -> float | None:
        return round(100.0 * self.satisfied / self.rated, 1) if self.rated else None


@dataclass(frozen=True)
class WeeklyActive:
    """Open and in-progress items at each moment (a week apart, the last one now), per category."""

    moments: tuple[datetime, ...]
    by_category: dict[str, list[int]]

    @property
    def totals(self) -> list[int]:
        return [sum(counts[n] for counts in self.by_category.values()) for n in range(len(self.moments))]


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
    payload: dict[str, Any]  # as stored (bot.tracker.notices.payload_of); read it through `notice`
    lang: str
    attempts: int  # delivery attempts so far, this claim included

    @property
    def notice(self) -> Notice:
        """The payload as its kind's dataclass; TypeError when a field is missing or unknown."""
        return notice_of(self.kind, self.payload)
