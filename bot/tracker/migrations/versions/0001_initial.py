"""Initial schema: users, enterprises, items, their history, the outbox and chat state.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "delivered_at IS NULL AND failed_at IS NULL"


def utc() -> sa.DateTime:
    """sqlmodel's UTCDateTime is this type underneath; naming the base keeps the migration stable."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True, unique=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("recordation_numbers", sa.Text(), nullable=True),
    )
    op.create_index("ix_enterprise_name", "enterprise", ["name"])
    op.create_table(
        "user_account",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), sa.ForeignKey("enterprise.id"), nullable=True),
    )
    create_item()
    create_item_event()
    create_notification()
    op.create_table(
        "chat_state",
        sa.Column("chat_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("updated_at", utc(), nullable=False),
    )


def create_item() -> None:
    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), sa.ForeignKey("enterprise.id"), nullable=True),
        sa.Column("owner_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("assignee_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
        sa.Column("updated_at", utc(), nullable=False),
        sa.Column("closed_at", utc(), nullable=True),
        sa.Column("hours_to_close", sa.Float(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_item_status_created", "item", ["status", "created_at"])
    op.create_index("ix_item_status_category_created", "item", ["status", "category", "created_at"])
    op.create_index("ix_item_owner_created", "item", ["owner_id", "created_at"])
    op.create_index("ix_item_hours_to_close", "item", ["hours_to_close"])


def create_item_event() -> None:
    op.create_table(
        "item_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id"), nullable=False),
        sa.Column("at", utc(), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=True),
        sa.Column("event", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
    )
    op.create_index("ix_item_event_item_at", "item_event", ["item_id", "at"])


def create_notification() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", utc(), nullable=False),
        sa.Column("claimed_until", utc(), nullable=True),
        sa.Column("delivered_at", utc(), nullable=True),
        sa.Column("failed_at", utc(), nullable=True),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
    )
    op.create_index(
        "ix_notification_pending",
        "notification",
        ["next_attempt_at"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )


def downgrade() -> None:
    for table in ("chat_state", "notification", "item_event", "item", "user_account", "enterprise"):
        op.drop_table(table)
