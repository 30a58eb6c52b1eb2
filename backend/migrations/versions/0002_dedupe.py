"""Duplicate reports: the reports of each incident, subscriptions, reports waiting for an
answer, the audit of merges and splits, and the index the duplicate check reads.

A branch of the schema from 0001 (`avisa db upgrade` upgrades every head). Incidents
that exist already get their first report (their symptom) and their reporter's
subscription, so they take part in the duplicate check like new ones.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{ref_table}")


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(name=f"pk_{table}")


def upgrade() -> None:
    op.create_index(
        "ix_incidents_customer_state_updated", "incidents", ["customer_code", "state", "updated_at"]
    )
    _reports()
    _subscriptions()
    _pending()
    _merges()
    _backfill()


def _reports() -> None:
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("conversation_id", sa.String(20)),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("equipment_ids", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(12), nullable=False),
        sa.Column("score", sa.Float()),
        _pk("incident_reports"),
        _fk("incident_reports", "incident_id", "incidents.id"),
        _fk("incident_reports", "conversation_id", "conversations.id"),
    )
    op.create_index("ix_incident_reports_incident_id", "incident_reports", ["incident_id"])


def _subscriptions() -> None:
    op.create_table(
        "incident_subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("conversation_id", sa.String(20)),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _pk("incident_subscriptions"),
        _fk("incident_subscriptions", "incident_id", "incidents.id"),
        _fk("incident_subscriptions", "conversation_id", "conversations.id"),
        sa.UniqueConstraint(
            "incident_id", "channel", "address",
            name="uq_incident_subscriptions_incident_id_channel_address",
        ),
    )
    op.create_index(
        "ix_incident_subscriptions_incident_id", "incident_subscriptions", ["incident_id"]
    )


def _pending() -> None:
    op.create_table(
        "pending_reports",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("candidate_id", sa.String(20), nullable=False),
        sa.Column("equipment_id", sa.String(20)),
        sa.Column("symptom", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("service_type", sa.String(12), nullable=False),
        sa.Column("equipment_ids", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("recurrence_of", sa.String(20)),
        sa.Column("created_at", TS, nullable=False),
        _pk("pending_reports"),
        _fk("pending_reports", "conversation_id", "conversations.id"),
        _fk("pending_reports", "customer_code", "customers.code"),
        _fk("pending_reports", "candidate_id", "incidents.id"),
        _fk("pending_reports", "equipment_id", "equipment.id"),
    )
    op.create_index("ix_pending_reports_conversation_id", "pending_reports", ["conversation_id"])


def _merges() -> None:
    op.create_table(
        "incident_merges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("source_id", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(20), nullable=False),
        sa.Column("report_ids", sa.JSON(), nullable=False),
        sa.Column("subscriptions", sa.JSON(), nullable=False),
        sa.Column("source_state", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("at", TS, nullable=False),
        sa.Column("undone_at", TS),
        sa.Column("undone_by", sa.String(60)),
        _pk("incident_merges"),
        _fk("incident_merges", "source_id", "incidents.id"),
        _fk("incident_merges", "target_id", "incidents.id"),
    )
    op.create_index("ix_incident_merges_source_id", "incident_merges", ["source_id"])
    op.create_index("ix_incident_merges_target_id", "incident_merges", ["target_id"])


def _backfill() -> None:
    ids = "CASE WHEN i.equipment_id IS NULL THEN '[]' ELSE '[\"' || i.equipment_id || '\"]' END"
    if op.get_bind().dialect.name == "postgresql":
        ids = f"CAST({ids} AS JSON)"
    op.execute(
        "INSERT INTO incident_reports "
        "(incident_id, conversation_id, channel, address, text, at, equipment_ids, decision) "
        "SELECT i.id, i.conversation_id, i.channel, COALESCE(c.address, ''), i.symptom, "
        f"i.created_at, {ids}, 'new' "
        "FROM incidents i LEFT JOIN conversations c ON c.id = i.conversation_id "
        "ORDER BY i.created_at, i.id"
    )
    op.execute(
        "INSERT INTO incident_subscriptions (incident_id, conversation_id, channel, address, "
        "created_at) SELECT i.id, c.id, c.channel, c.address, i.created_at "
        "FROM incidents i JOIN conversations c ON c.id = i.conversation_id"
    )


def downgrade() -> None:
    for table in ("incident_merges", "pending_reports", "incident_subscriptions",
                  "incident_reports"):
        op.drop_table(table)
    op.drop_index("ix_incidents_customer_state_updated", table_name="incidents")
