"""WeCom's callbacks kept as Telegram's updates are: channel_callback (replay keys only) becomes channel_inbox
(the message stored before the 200, with a lease, taken up again when its handler died); the numbered
choices shown to a member, kept for whichever replica gets the next message.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = "done_at IS NULL"


def utc() -> sa.DateTime:
    """As in 0001: the type under the models' datetimes."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "channel_inbox",
        sa.Column("channel", sa.String(length=10), primary_key=True),
        sa.Column("key", sa.String(length=200), primary_key=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", utc(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_until", utc(), nullable=True),
        sa.Column("done_at", utc(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
    )
    op.create_index(
        "ix_channel_inbox_pending",
        "channel_inbox",
        ["channel", "claimed_until"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )
    op.create_index("ix_channel_inbox_done", "channel_inbox", ["done_at"])
    # The replay keys seen ("wecom:<key>") stay known, as handled: a retry of one is still dropped.
    op.execute(
        "INSERT INTO channel_inbox (channel, key, payload, received_at, attempts, done_at, outcome) "
        "SELECT 'wecom', substr(key, 7), '', received_at, 1, received_at, 'handled' FROM channel_callback "
        "WHERE key LIKE 'wecom:%'"
    )
    op.drop_table("channel_callback")
    op.create_table(
        "numbered_choice",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("buttons", sa.Text(), nullable=False),
        sa.Column("at", utc(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("numbered_choice")
    op.create_table(
        "channel_callback",
        sa.Column("key", sa.String(length=200), primary_key=True),
        sa.Column("received_at", utc(), nullable=False),
    )
    op.create_index("ix_channel_callback_received_at", "channel_callback", ["received_at"])
    op.execute(
        "INSERT INTO channel_callback (key, received_at) SELECT substr(channel || ':' || key, 1, 200), received_at "
        "FROM channel_inbox"
    )
    op.drop_table("channel_inbox")
