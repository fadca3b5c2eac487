"""Casework: the structured intake's fields, service-level due times, satisfaction and merges on items;
attachments, recordations, and the reminders that went out.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ITEM_COLUMNS = (
    ("right_kind", sa.String(length=20)),
    ("recordation_no", sa.String(length=40)),
    ("port", sa.String(length=200)),
    ("goods", sa.Text()),
    ("direction", sa.String(length=10)),
    ("declared_value", sa.String(length=40)),
    ("route", sa.String(length=20)),
    ("first_response_due", sa.DateTime(timezone=True)),
    ("resolution_due", sa.DateTime(timezone=True)),
    ("first_response_at", sa.DateTime(timezone=True)),
    ("next_due_at", sa.DateTime(timezone=True)),
    ("closed_on_time", sa.Boolean()),
    ("satisfaction", sa.Integer()),
    ("satisfaction_comment", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("item") as batch:  # SQLite cannot add a foreign key without rebuilding the table
        for name, type_ in ITEM_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_item_merged_into", "item", ["merged_into"], ["id"])
    op.create_index("ix_item_next_due", "item", ["next_due_at"])
    op.create_table(
        "recordation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("right_kind", sa.String(length=20), nullable=False),
        sa.Column("expires", sa.Date(), nullable=False),
        sa.Column("guide", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_recordation_owner", "recordation", ["owner_id"])
    op.create_index("ix_recordation_expires", "recordation", ["expires"])
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.BigInteger(), sa.ForeignKey("user_account.id"), nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("item.id"), nullable=True),
        sa.Column("recordation_id", sa.Integer(), sa.ForeignKey("recordation.id"), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("file_id", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("mime_type", sa.String(length=100), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attachment_item", "attachment", ["item_id"])
    op.create_index("ix_attachment_recordation", "attachment", ["recordation_id"])
    op.create_table(
        "reminder_sent",
        sa.Column("key", sa.String(length=120), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_sent")
    op.drop_index("ix_attachment_recordation", table_name="attachment")
    op.drop_index("ix_attachment_item", table_name="attachment")
    op.drop_table("attachment")
    op.drop_index("ix_recordation_expires", table_name="recordation")
    op.drop_index("ix_recordation_owner", table_name="recordation")
    op.drop_table("recordation")
    op.drop_index("ix_item_next_due", table_name="item")
    with op.batch_alter_table("item") as batch:
        batch.drop_constraint("fk_item_merged_into", type_="foreignkey")
        batch.drop_column("merged_into")
        for name, _ in reversed(ITEM_COLUMNS):
            batch.drop_column(name)
