"""The knowledge loop: every knowledge file's previous versions, the gaps list, drafts waiting for an admin.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def utc() -> sa.DateTime:
    """As in 0001: the type under the models' datetimes."""
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "knowledge_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("previous", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("at", utc(), nullable=False),
    )
    op.create_index("ix_knowledge_change_topic", "knowledge_change", ["topic", "id"])
    op.create_table(
        "knowledge_gap",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("at", utc(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("handled_by", sa.BigInteger(), nullable=True),
        sa.Column("handled_name", sa.String(length=200), nullable=True),
        sa.Column("handled_at", utc(), nullable=True),
        sa.Column("answer_entry", sa.String(length=200), nullable=True),
    )
    op.create_index("ix_knowledge_gap_status", "knowledge_gap", ["status", "id"])
    op.create_table(
        "knowledge_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("removed", sa.Text(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_name", sa.String(length=200), nullable=True),
        sa.Column("decided_at", utc(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("knowledge_draft")
    op.drop_index("ix_knowledge_gap_status", table_name="knowledge_gap")
    op.drop_table("knowledge_gap")
    op.drop_index("ix_knowledge_change_topic", table_name="knowledge_change")
    op.drop_table("knowledge_change")
