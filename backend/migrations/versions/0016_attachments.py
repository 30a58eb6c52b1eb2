"""Attachments from every channel (issue 20 §1): one row per file, linked to its message,
conversation and incident; the bytes are content-addressed outside the database.

Revision ID: 0016_attachments
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_attachments"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(200), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("detail", sa.String(500), nullable=True),
        sa.Column("conversation_id", sa.String(20), sa.ForeignKey("conversations.id"),
                  nullable=True),
        sa.Column("message_id", sa.String(24), sa.ForeignKey("messages.id"), nullable=True),
        sa.Column("incident_id", sa.String(20), sa.ForeignKey("incidents.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("message_id", "sha256"),
    )
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])
    op.create_index("ix_attachments_conversation_id", "attachments", ["conversation_id"])
    op.create_index("ix_attachments_incident_id", "attachments", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_attachments_incident_id", table_name="attachments")
    op.drop_index("ix_attachments_conversation_id", table_name="attachments")
    op.drop_index("ix_attachments_sha256", table_name="attachments")
    op.drop_table("attachments")
