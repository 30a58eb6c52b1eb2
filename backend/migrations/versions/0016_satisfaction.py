"""Satisfaction after every job (issue 20 §4): the question asked on each reporter's
channel when a service order closes, and the 1–5 answer. A branch of 0012_followups (a low
score raises a complaint and a task for the agents' queue).

Revision ID: 0016_satisfaction
Revises: 0012_followups
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0016_satisfaction"
down_revision = "0012_followups"
branch_labels = None
depends_on = ("0003",)  # service_orders

TS = sa.DateTime(timezone=True)
ID = sa.String(20)
# column: (type, nullable, the table.column it refers to)
COLUMNS: dict[str, tuple[Any, bool, str | None]] = {
    "service_order_id": (ID, False, "service_orders.id"),
    "incident_id": (ID, False, "incidents.id"),
    "customer_code": (ID, False, "customers.code"),
    "technician_id": (ID, True, None),
    "conversation_id": (ID, False, "conversations.id"),
    "channel": (ID, False, None),
    "asked_at": (TS, False, None),
    "answered_at": (TS, True, None),
    "score": (sa.Integer(), True, None),
    "comment": (sa.Text(), True, None),
    "complaint_id": (sa.Integer(), True, "complaints.id"),
    "handoff_id": (sa.Integer(), True, "handoffs.id"),
}
INDEXED = ("service_order_id", "incident_id", "customer_code", "technician_id",
           "conversation_id", "asked_at")


def upgrade() -> None:
    op.create_table(
        "satisfaction_surveys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *(sa.Column(name, kind, nullable=nullable)
          for name, (kind, nullable, _) in COLUMNS.items()),
        *(sa.ForeignKeyConstraint([name], [target])
          for name, (_, _, target) in COLUMNS.items() if target),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in INDEXED:
        op.create_index(f"ix_satisfaction_surveys_{column}", "satisfaction_surveys", [column])


def downgrade() -> None:
    op.drop_table("satisfaction_surveys")
