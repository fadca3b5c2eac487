"""The notices the outbox carries: one frozen dataclass per kind, and the one place they become the stored JSON
payload and back. The tracker writes them (bot.tracker.outbox.notify), the core's renderer reads them by
attribute (NotificationView.notice), so a renamed field is a type error, not a silent blank.

Imports nothing but the standard library: the core names these types without reaching the database.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar


class NoticeKind(StrEnum):
    """The `kind` of an outbox row; its payload is the dataclass of that kind below (KINDS)."""

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
    ATTACHMENT = "attachment"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    LOW_SCORE = "low_score"
    ITEM_MERGED = "item_merged"
    RENEWAL = "renewal"
    KB_DRAFT = "kb_draft"


@dataclass(frozen=True)
class Notice:
    """Base of every notice; `kind` names the outbox row's kind."""

    kind: ClassVar[NoticeKind]


@dataclass(frozen=True)
class ItemCreated(Notice):
    """A new item or escalation -> the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_CREATED
    item_id: int
    item_kind: str  # stored as "kind": problem or escalation
    category: str
    title: str
    description: str
    enterprise: str | None
    owner_name: str
    intake: dict[str, str] | None = None  # the structured intake's answers given, by field name


@dataclass(frozen=True)
class ItemTaken(Notice):
    """An officer took the item -> its owner."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_TAKEN
    item_id: int
    officer: str


@dataclass(frozen=True)
class OfficerReply(Notice):
    """An officer's reply -> the item's owner."""

    kind: ClassVar[NoticeKind] = NoticeKind.OFFICER_REPLY
    item_id: int
    text: str
    officer: str


@dataclass(frozen=True)
class ItemClosed(Notice):
    """Resolved, with the resolution -> the owner."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_CLOSED
    item_id: int
    resolution: str


@dataclass(frozen=True)
class ItemReopened(Notice):
    """Back on the list -> the owner (by an officer), or the assignee / officers' chat (by the owner); and to
    the officer holding it when another officer reopened it (`by` names that one)."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_REOPENED
    item_id: int
    reason: str | None = None
    by: str | None = None  # the officer who reopened it, in the holder's notice (absent in older notices)


@dataclass(frozen=True)
class FollowUp(Notice):
    """More words from the owner -> the assignee, else the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.FOLLOW_UP
    item_id: int
    text: str
    owner_name: str


@dataclass(frozen=True)
class RoleGranted(Notice):
    """A role given -> the user."""

    kind: ClassVar[NoticeKind] = NoticeKind.ROLE_GRANTED
    role: str


@dataclass(frozen=True)
class ItemReassigned(Notice):
    """An item handed to an officer -> that officer."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_REASSIGNED
    item_id: int


@dataclass(frozen=True)
class DailyDigest(Notice):
    """The list's distance to zero -> the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.DAILY_DIGEST
    open: int
    in_progress: int
    overdue: int
    oldest: list[int] = field(default_factory=list)  # the oldest overdue items
    late: list[int] = field(default_factory=list)  # working days each of them is past its due time
    with_due: int = 0  # items resolved with a due time (0 in digests stored before this field)
    on_time: int = 0  # of them, resolved by it


@dataclass(frozen=True)
class ItemsReturned(Notice):
    """An officer lost the role; the items it held are back in the queue -> the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEMS_RETURNED
    items: list[int]
    officer: str


@dataclass(frozen=True)
class AttachmentAdded(Notice):
    """A file on an item -> the assignee, else the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.ATTACHMENT
    item_id: int
    attachment_id: int
    file_kind: str  # stored as "kind": photo or document
    file_id: str
    file_name: str
    owner_name: str


@dataclass(frozen=True)
class DueSoon(Notice):
    """A step's due time is near -> the assignee, else the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.DUE_SOON
    item_id: int
    stage: str
    due: str  # ISO 8601, UTC
    title: str = ""


@dataclass(frozen=True)
class Overdue(Notice):
    """A step's due time passed -> the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.OVERDUE
    item_id: int
    stage: str
    due: str  # ISO 8601, UTC
    title: str = ""


@dataclass(frozen=True)
class LowScore(Notice):
    """An owner's low score -> the officers' chat."""

    kind: ClassVar[NoticeKind] = NoticeKind.LOW_SCORE
    item_id: int
    score: int
    comment: str = ""


@dataclass(frozen=True)
class ItemMerged(Notice):
    """The owner's item merged into another -> that owner."""

    kind: ClassVar[NoticeKind] = NoticeKind.ITEM_MERGED
    item_id: int  # the item it went into
    from_item: int


@dataclass(frozen=True)
class Renewal(Notice):
    """A recordation nears its expiry -> its owner."""

    kind: ClassVar[NoticeKind] = NoticeKind.RENEWAL
    recordation_id: int
    number: str
    stage: str
    expires: str  # ISO date


@dataclass(frozen=True)
class KbDraft(Notice):
    """An officer's proposed answer -> every admin."""

    kind: ClassVar[NoticeKind] = NoticeKind.KB_DRAFT
    draft_id: int
    item_id: int | None
    lang: str
    content: str
    removed: list[str] = field(default_factory=list)


KINDS: dict[NoticeKind, type[Notice]] = {
    cls.kind: cls
    for cls in (
        ItemCreated, ItemTaken, OfficerReply, ItemClosed, ItemReopened, FollowUp, RoleGranted, ItemReassigned,
        DailyDigest, ItemsReturned, AttachmentAdded, DueSoon, Overdue, LowScore, ItemMerged, Renewal, KbDraft,
    )
}
# Attribute names that would shadow the class's `kind`, stored under "kind" as before.
_STORED_AS = {"item_kind": "kind", "file_kind": "kind"}


def payload_of(notice: Notice) -> dict[str, Any]:
    """The JSON object stored in the outbox row; an optional field (default None) left out while None."""
    payload: dict[str, Any] = {}
    for f in dataclasses.fields(notice):
        value = getattr(notice, f.name)
        if value is None and f.default is None:
            continue
        payload[_STORED_AS.get(f.name, f.name)] = value
    return payload


def notice_of(kind: NoticeKind, payload: dict[str, Any]) -> Notice:
    """The notice a stored payload holds; TypeError when it lacks a field or has one the kind does not know."""
    cls = KINDS[kind]
    names = {_STORED_AS.get(f.name, f.name): f.name for f in dataclasses.fields(cls)}
    unknown = set(payload) - set(names)
    if unknown:
        raise TypeError(f"{kind.value} notice with unknown fields {sorted(unknown)}")
    return cls(**{names[key]: value for key, value in payload.items()})
