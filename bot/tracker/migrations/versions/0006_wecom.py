"""WeCom: the channel in use of each user and of each notice, the identities of other channels' users,
link codes, and the callbacks seen (retries are handled once).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("user_account", "notification"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("channel", sa.String(length=10), nullable=False, server_default="telegram"))
    op.create_table(
        "channel_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("channel", "external_id", name="uq_channel_identity"),
    )
    op.create_index("ix_channel_identity_user", "channel_identity", ["user_id"])
    op.create_table(
        "link_code",
        sa.Column("code_hash", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_link_code_user_id", "link_code", ["user_id"])
    op.create_table(
        "channel_callback",
        sa.Column("key", sa.String(length=200), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_channel_callback_received_at", "channel_callback", ["received_at"])


def downgrade() -> None:
    op.drop_table("channel_callback")
    op.drop_table("link_code")
    op.drop_table("channel_identity")
    for table in ("notification", "user_account"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("channel")
