"""Complaints and call-back requests (issue 13 §3): each linked to the customer, the
incident it is about and the conversation it was said in. A branch of 0007 (a complaint
names the handoff that raised it).

Revision ID: 0012_followups
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012_followups"
down_revision = "0007"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _links(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_code", sa.String(20), nullable=True),
        sa.Column("incident_id", sa.String(20), nullable=True),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.ForeignKeyConstraint(["customer_code"], ["customers.code"],
                                name=f"fk_{table}_customer_code_customers"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=f"fk_{table}_incident_id_incidents"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"],
                                name=f"fk_{table}_conversation_id_conversations"),
    ]


def upgrade() -> None:
    op.create_table(
        "complaints", *_links("complaints"),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"],
                                name="fk_complaints_handoff_id_handoffs"),
    )
    op.create_table(
        "callback_requests", *_links("callback_requests"),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("window", sa.String(40), nullable=True),
    )
    for table in ("complaints", "callback_requests"):
        for column in ("customer_code", "incident_id", "conversation_id", "created_at"):
            op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    op.drop_table("callback_requests")
    op.drop_table("complaints")
