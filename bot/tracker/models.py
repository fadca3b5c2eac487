"""Every table of the tracker. Times are naive UTC; enum-like columns hold the values of bot/tracker/values.py
as plain strings (no database ENUM types, so adding a category is not a schema migration)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

TELEGRAM_ID = BigInteger  # Telegram ids exceed 2**31 and group chat ids are negative


# A Telegram user; `id` is their Telegram user id, so it is given, never generated.
class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, sa_column=Column(TELEGRAM_ID, primary_key=True, autoincrement=False))
    name: str = Field(max_length=200)
    language: str | None = Field(default=None, max_length=8)
    role: str = Field(max_length=20)
    enterprise_id: int | None = Field(default=None, foreign_key="enterprise.id")
    # The channel in use: the one the user last wrote from (telegram | wecom); their notices go there.
    channel: str = Field(default="telegram", max_length=10, sa_column_kwargs={"server_default": "telegram"})


# A company that raises problems: rights holder, importer/exporter or agent.
class Enterprise(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    credit_code: str | None = Field(default=None, max_length=18, unique=True)  # unified social credit code
    kind: str = Field(max_length=20)
    recordation_numbers: str | None = Field(default=None, sa_type=Text)  # customs IPR recordation numbers


# One entry of the problem list: an enterprise's problem or a question the bot escalated.
class Item(SQLModel, table=True):
    __table_args__ = (
        # queue(): one range scan per status, oldest first; stats(): overdue count and counts per status.
        Index("ix_item_status_created", "status", "created_at"),
        Index("ix_item_status_category_created", "status", "category", "created_at"),
        Index("ix_item_owner_created", "owner_id", "created_at"),  # my_items(), open_items_of()
        Index("ix_item_hours_to_close", "hours_to_close"),  # stats(): the median is one index walk, no sort
        Index("ix_item_next_due", "next_due_at"),  # queue() by due time; the service-level sweep
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    category: str = Field(max_length=30)
    title: str = Field(max_length=200)
    description: str = Field(sa_type=Text)
    enterprise_id: int | None = Field(default=None, foreign_key="enterprise.id")
    owner_id: int = Field(sa_type=TELEGRAM_ID, foreign_key="user_account.id")
    assignee_id: int | None = Field(default=None, sa_type=TELEGRAM_ID, foreign_key="user_account.id")
    status: str = Field(max_length=20)
    resolution: str | None = Field(default=None, sa_type=Text)
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    hours_to_close: float | None = None  # closed_at - created_at, kept for the median in stats()
    version: int = 1  # optimistic concurrency: every change is UPDATE ... WHERE version = <read version>
    # The structured intake (bot/core/intake.py); every field may be skipped.
    right_kind: str | None = Field(default=None, max_length=20)  # values.RightKind
    recordation_no: str | None = Field(default=None, max_length=40)
    port: str | None = Field(default=None, max_length=200)
    goods: str | None = Field(default=None, sa_type=Text)
    direction: str | None = Field(default=None, max_length=10)  # import | export
    declared_value: str | None = Field(default=None, max_length=40)  # RMB, a decimal as text (exact on both databases)
    route: str | None = Field(default=None, max_length=20)  # ex_officio | application
    # Service levels on working days (bot/tracker/sla.py): the first response, the resolution, and whichever
    # is next while the item is active (None once it is finished), which /queue is ordered by.
    first_response_due: datetime | None = None
    resolution_due: datetime | None = None
    first_response_at: datetime | None = None
    next_due_at: datetime | None = None
    closed_on_time: bool | None = None  # resolved by resolution_due; None while active or without a due time
    satisfaction: int | None = None  # the owner's 1-5 at close
    satisfaction_comment: str | None = Field(default=None, sa_type=Text)
    merged_into: int | None = Field(default=None, foreign_key="item.id")


# Append-only history of an item: who did what, when.
class ItemEvent(SQLModel, table=True):
    __tablename__ = "item_event"
    __table_args__ = (Index("ix_item_event_item_at", "item_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="item.id")
    at: datetime
    actor_id: int | None = Field(default=None, sa_type=TELEGRAM_ID, foreign_key="user_account.id")
    event: str = Field(max_length=30)
    text: str | None = Field(default=None, sa_type=Text)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str | None = Field(default=None, max_length=20)


# The durable outbox: a message someone must receive, written in the transaction of the event it reports.
class Notification(SQLModel, table=True):
    __table_args__ = (
        # Delivered rows pile up forever; the partial index keeps claiming proportional to the backlog.
        Index(
            "ix_notification_pending",
            "next_attempt_at",
            sqlite_where=text("delivered_at IS NULL AND failed_at IS NULL"),
            postgresql_where=text("delivered_at IS NULL AND failed_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=TELEGRAM_ID)
    # The channel whose sender delivers it (telegram | wecom), fixed when it is queued.
    channel: str = Field(default="telegram", max_length=10, sa_column_kwargs={"server_default": "telegram"})
    kind: str = Field(max_length=30)
    payload: str = Field(sa_type=Text)  # JSON object
    lang: str = Field(max_length=8)
    attempts: int = 0
    next_attempt_at: datetime
    claimed_until: datetime | None = None  # a sender holds it until then
    delivered_at: datetime | None = None
    failed_at: datetime | None = None  # given up: never delivered
    failure_reason: str | None = Field(default=None, sa_type=Text)  # the last error
    created_at: datetime


# Per-chat conversation state of the chat core, kept here so it survives restarts and works with replicas.
class ChatState(SQLModel, table=True):
    __tablename__ = "chat_state"

    chat_id: int = Field(sa_column=Column(TELEGRAM_ID, primary_key=True, autoincrement=False))
    state: str = Field(sa_type=Text)  # JSON object
    updated_at: datetime


# An update from Telegram, stored before Telegram hears that it arrived (the next getUpdates offset, the
# webhook's 200): one that a crash interrupts is handled after the restart, by this replica or another.
class InboxUpdate(SQLModel, table=True):
    __tablename__ = "inbox_update"
    __table_args__ = (
        Index(
            "ix_inbox_update_pending",
            "claimed_until",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        Index("ix_inbox_update_done", "done_at"),  # pruning of the handled ones
    )

    update_id: int = Field(sa_column=Column(TELEGRAM_ID, primary_key=True, autoincrement=False))
    payload: str = Field(sa_type=Text)  # the update as Telegram sent it (JSON)
    received_at: datetime
    attempts: int = 1  # handlings started: an update that kills the process every time is given up
    claimed_until: datetime | None = None  # its handler holds it until then; afterwards it is recovered
    done_at: datetime | None = None
    outcome: str | None = Field(default=None, max_length=20)  # handled | given up


# What handling an update did to the problem list: handling it again (after a crash between the write and
# the inbox's "done") returns the item as the first handling left it, and writes and notifies nothing.
class UpdateEffect(SQLModel, table=True):
    __tablename__ = "update_effect"
    __table_args__ = (Index("ix_update_effect_at", "at"),)

    key: str = Field(primary_key=True, max_length=120)  # "<origin>/<operation>[/<item id>]"
    item_id: int
    at: datetime


# A user's 👍/👎 on a knowledge-base entry, the last one counting: tells admins which entries to improve.
class AnswerFeedback(SQLModel, table=True):
    __tablename__ = "answer_feedback"

    user_id: int = Field(sa_column=Column(TELEGRAM_ID, primary_key=True, autoincrement=False))
    entry_id: str = Field(primary_key=True, max_length=200)
    question: str = Field(sa_type=Text)  # the question it was shown for, as asked
    helpful: bool
    at: datetime


# When a periodic job last ran: a replica runs it only after claiming the row, so one replica runs it per period.
class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"

    name: str = Field(primary_key=True, max_length=50)
    last_run_at: datetime


# A knowledge file as it was before one change (an upload, phrasings added, an approved entry, an undo):
# /kb history lists them, /kb undo writes the newest one back. Kept here, not on the knowledge volume, so
# every replica and a `docker compose down && up` see the same history.
class KnowledgeChange(SQLModel, table=True):
    __tablename__ = "knowledge_change"
    __table_args__ = (Index("ix_knowledge_change_topic", "topic", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    topic: str = Field(max_length=200)  # the file's front-matter id
    path: str = Field(max_length=300)  # below the knowledge folder
    previous: str | None = Field(default=None, sa_type=Text)  # the whole file before; None: it did not exist
    kind: str = Field(max_length=20)  # upload | phrasings | entry | undo
    summary: str = Field(default="", sa_type=Text)  # what changed, by heading, for /kb history
    actor_id: int | None = Field(default=None, sa_type=TELEGRAM_ID)  # None: the command line
    actor_name: str = Field(max_length=200)
    at: datetime


# A question the desk did not serve well: declined, answered and marked 👎, or escalated and closed by an
# officer. Admins settle similar ones together from /gaps.
class KnowledgeGap(SQLModel, table=True):
    __tablename__ = "knowledge_gap"
    __table_args__ = (Index("ix_knowledge_gap_status", "status", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    question: str = Field(sa_type=Text)
    lang: str = Field(max_length=8)
    source: str = Field(max_length=20)  # declined | unhelpful | escalation
    entry_id: str | None = Field(default=None, max_length=200)  # the entry shown (for a 👎)
    item_id: int | None = None  # the escalation it came from
    user_id: int | None = Field(default=None, sa_type=TELEGRAM_ID)
    at: datetime
    status: str = Field(max_length=20)  # open | needs_entry | answered | dismissed
    handled_by: int | None = Field(default=None, sa_type=TELEGRAM_ID)
    handled_name: str | None = Field(default=None, max_length=200)
    handled_at: datetime | None = None
    answer_entry: str | None = Field(default=None, max_length=200)  # "Answered by" this entry


# A knowledge change waiting for an admin: an uploaded file shown as a preview, or an officer's answer
# proposed as an entry. Nothing reaches the knowledge base until an admin publishes or approves it.
class KnowledgeDraft(SQLModel, table=True):
    __tablename__ = "knowledge_draft"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # upload | answer
    status: str = Field(max_length=20)  # pending | published | cancelled | rejected
    author_id: int = Field(sa_type=TELEGRAM_ID)
    file_name: str | None = Field(default=None, max_length=200)  # an upload's name
    content: str = Field(sa_type=Text)  # the uploaded file, or the proposed entry as markdown
    lang: str = Field(max_length=8)
    removed: str | None = Field(default=None, sa_type=Text)  # JSON list: what redaction took out
    item_id: int | None = None  # the escalation an answer came from
    decided_by: int | None = Field(default=None, sa_type=TELEGRAM_ID)
    decided_name: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = None
    created_at: datetime


# A photo or document on an item (or on a recordation's guide to genuine goods): Telegram keeps the file, we keep
# its file id, so it can be sent again; `item_id` is None while its owner has not picked the item yet.
class Attachment(SQLModel, table=True):
    __table_args__ = (Index("ix_attachment_item", "item_id"), Index("ix_attachment_recordation", "recordation_id"))

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_type=TELEGRAM_ID, foreign_key="user_account.id")  # who sent it
    item_id: int | None = Field(default=None, foreign_key="item.id")
    recordation_id: int | None = Field(default=None, foreign_key="recordation.id")
    kind: str = Field(max_length=10)  # photo | document
    file_id: str = Field(max_length=200)
    file_name: str | None = Field(default=None, max_length=200)
    mime_type: str | None = Field(default=None, max_length=100)
    size: int = 0
    created_at: datetime


# A customs IPR recordation an enterprise keeps in the bot, to be reminded of its renewal.
class Recordation(SQLModel, table=True):
    __table_args__ = (Index("ix_recordation_owner", "owner_id"), Index("ix_recordation_expires", "expires"))

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(sa_type=TELEGRAM_ID, foreign_key="user_account.id")
    number: str = Field(max_length=40)
    right_kind: str = Field(max_length=20)
    expires: date  # the last day it is in force
    guide: str | None = Field(default=None, sa_type=Text)  # how to tell genuine goods, for officers at the border
    created_at: datetime


# A reminder or announcement that went out: the key ("sla/41/late/resolution", "rec/7/month/2026-03-31") is
# inserted by the replica that sends it, so however many replicas look, one sends.
class ReminderSent(SQLModel, table=True):
    __tablename__ = "reminder_sent"

    key: str = Field(primary_key=True, max_length=120)
    at: datetime


# A user of another channel than Telegram (a WeCom member's UserID) and the desk user it is: a new one gets an
# id of its own (bot/tracker/identities.py), a linked one points at the user it was linked to.
class ChannelIdentity(SQLModel, table=True):
    __tablename__ = "channel_identity"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_channel_identity"),
        Index("ix_channel_identity_user", "user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=10)
    external_id: str = Field(max_length=64)
    user_id: int = Field(sa_type=TELEGRAM_ID, foreign_key="user_account.id")
    created_at: datetime


# A one-time code that links a user's two channels (/link); only its SHA-256 is kept.
class LinkCode(SQLModel, table=True):
    __tablename__ = "link_code"

    code_hash: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(sa_type=TELEGRAM_ID, index=True)
    channel: str = Field(max_length=10)
    expires_at: datetime


# The inbox of the channels whose messages come keyed by text (WeCom's callbacks), as inbox_update is
# Telegram's: stored before the 200, so a callback whose handling died is taken up again after its lease
# (bot/tracker/inbox.py), and a retried one (same key) is handled once.
class ChannelInbox(SQLModel, table=True):
    __tablename__ = "channel_inbox"
    __table_args__ = (
        Index(
            "ix_channel_inbox_pending",
            "channel",
            "claimed_until",
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        Index("ix_channel_inbox_done", "done_at"),  # pruning of the handled ones
    )

    channel: str = Field(primary_key=True, max_length=10)
    key: str = Field(primary_key=True, max_length=200)  # what a retry repeats (WeCom: MsgId, or the event's)
    payload: str = Field(sa_type=Text)  # the message as received (WeCom: the decrypted XML)
    received_at: datetime
    attempts: int = 1  # handlings started: one that kills the process every time is given up
    claimed_until: datetime | None = None  # its handler holds it until then; afterwards it is recovered
    done_at: datetime | None = None
    outcome: str | None = Field(default=None, max_length=20)  # handled | given up


# The numbered choices last shown to a user of a channel without buttons where they did not fit (WeCom): the
# buttons in order, so a "1" typed next presses the first on whichever replica it reaches.
class NumberedChoice(SQLModel, table=True):
    __tablename__ = "numbered_choice"

    user_id: int = Field(sa_column=Column(TELEGRAM_ID, primary_key=True, autoincrement=False))
    buttons: str = Field(sa_type=Text)  # JSON: [[label, data], ...]
    at: datetime
