"""Reports for service managers (issue 16 §4): the business time of a met SLA timer kept on
it (filled by the scheduler), and the indexes the reports' periods read by.

Revision ID: 0015_reports
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_reports"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sla_timers") as batch:
        batch.add_column(sa.Column("business_seconds", sa.Integer(), nullable=True))
    op.create_index("ix_incidents_created_at", "incidents", ["created_at"])
    op.create_index("ix_conversations_created_at", "conversations", ["created_at"])
    op.create_index("ix_messages_direction_created_at", "messages",
                    ["direction", "created_at", "channel"])


def downgrade() -> None:
    op.drop_index("ix_messages_direction_created_at", table_name="messages")
    op.drop_index("ix_conversations_created_at", table_name="conversations")
    op.drop_index("ix_incidents_created_at", table_name="incidents")
    with op.batch_alter_table("sla_timers") as batch:
        batch.drop_column("business_seconds")
