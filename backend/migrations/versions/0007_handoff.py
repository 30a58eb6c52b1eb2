"""Human handoff and the agent console: agents, their queues and sessions, handoffs and
their log (a branch of 0001).

Revision ID: 0007
Revises: 0001
Create Date: 2025-07-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, key: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_agents"),
    )
    op.create_table(
        "agent_queues",
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("queue", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("username", "queue", name="pk_agent_queues"),
        _fk("agent_queues", "username", "agents", "username"),
    )
    op.create_table(
        "agent_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agent_sessions"),
        _fk("agent_sessions", "username", "agents", "username"),
    )
    op.create_index("ix_agent_sessions_username", "agent_sessions", ["username"])
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(30), nullable=False),
        sa.Column("rule", sa.String(60)),
        sa.Column("queue", sa.String(40), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("agent", sa.String(40)),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("slots", sa.JSON(), nullable=False),
        sa.Column("agent_slots", sa.JSON(), nullable=False),
        sa.Column("requested_at", TS, nullable=False),
        sa.Column("assigned_at", TS),
        sa.Column("closed_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_handoffs"),
        _fk("handoffs", "conversation_id", "conversations", "id"),
        _fk("handoffs", "agent", "agents", "username"),
    )
    for column in ("conversation_id", "queue", "state", "agent"):
        op.create_index(f"ix_handoffs_{column}", "handoffs", [column])
    op.create_table(
        "handoff_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_handoff_log"),
        _fk("handoff_log", "handoff_id", "handoffs", "id"),
    )
    op.create_index("ix_handoff_log_handoff_id", "handoff_log", ["handoff_id"])


def downgrade() -> None:
    op.drop_table("handoff_log")
    op.drop_table("handoffs")
    op.drop_table("agent_sessions")
    op.drop_table("agent_queues")
    op.drop_table("agents")
