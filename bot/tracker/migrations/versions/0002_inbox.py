"""The inbox of Telegram updates and the effects of handling them: no update lost or applied twice by a crash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "done_at IS NULL"


def utc() -> sa.DateTime:
    """As in 0001: the type under the models' datetimes."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbox_update",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", utc(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_until", utc(), nullable=True),
        sa.Column("done_at", utc(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
    )
    op.create_index(
        "ix_inbox_update_pending",
        "inbox_update",
        ["claimed_until"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )
    op.create_index("ix_inbox_update_done", "inbox_update", ["done_at"])
    op.create_table(
        "update_effect",
        sa.Column("key", sa.String(length=120), primary_key=True),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("at", utc(), nullable=False),
    )
    op.create_index("ix_update_effect_at", "update_effect", ["at"])


def downgrade() -> None:
    op.drop_table("update_effect")
    op.drop_table("inbox_update")
