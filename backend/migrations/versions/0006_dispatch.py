"""Routing, dispatch and the technician loop; SLA timers; alarms; maintenance runs
(a branch of 0001).

Revision ID: 0006
Revises: 0001
Create Date: 2025-06-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
COUNTERS = ("dispatch",)


def _fk(table: str, column: str, target: str, key: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": name, "value": 0} for name in COUNTERS])
    op.create_table(
        "technician_profiles",
        sa.Column("technician_id", sa.String(20), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("telegram_id", sa.String(64)),
        sa.Column("linked_at", TS),
        sa.Column("code_hash", sa.String(64)),
        sa.Column("code_expires_at", TS),
        sa.Column("absences", sa.JSON(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("dialog", sa.JSON()),
        sa.PrimaryKeyConstraint("technician_id", name="pk_technician_profiles"),
        _fk("technician_profiles", "technician_id", "technicians", "id"),
    )
    op.create_index("ix_technician_profiles_telegram_id", "technician_profiles", ["telegram_id"])
    op.create_index("ix_technician_profiles_code_hash", "technician_profiles", ["code_hash"])
    op.create_table(
        "routing_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("queue", sa.String(40), nullable=False),
        sa.Column("rule", sa.String(80)),
        sa.Column("rule_line", sa.Integer()),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("chosen_id", sa.String(20)),
        sa.Column("held", sa.String(30)),
        sa.Column("decided_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_routing_decisions"),
        _fk("routing_decisions", "incident_id", "incidents", "id"),
    )
    op.create_index("ix_routing_decisions_incident_id", "routing_decisions", ["incident_id"])
    op.create_table(
        "dispatches",
        sa.Column("id", sa.String(20), nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("technician_id", sa.String(20), nullable=False),
        sa.Column("routing_id", sa.Integer()),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("service_order_id", sa.String(20)),
        sa.Column("offered_at", TS, nullable=False),
        sa.Column("ack_due_at", TS, nullable=False),
        sa.Column("responded_at", TS),
        sa.Column("arrived_at", TS),
        sa.Column("finished_at", TS),
        sa.Column("reason", sa.Text()),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dispatches"),
        _fk("dispatches", "incident_id", "incidents", "id"),
        _fk("dispatches", "technician_id", "technicians", "id"),
        _fk("dispatches", "routing_id", "routing_decisions", "id"),
    )
    op.create_index("ix_dispatches_incident_id", "dispatches", ["incident_id"])
    op.create_index("ix_dispatches_technician_id", "dispatches", ["technician_id"])
    op.create_index("ix_dispatches_state_ack_due_at", "dispatches", ["state", "ack_due_at"])
    op.create_table(
        "sla_timers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("contract_id", sa.String(20)),
        sa.Column("start", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("warn_at", TS, nullable=False),
        sa.Column("warned_at", TS),
        sa.Column("breached_at", TS),
        sa.Column("met_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_sla_timers"),
        sa.UniqueConstraint("incident_id", "kind", name="uq_sla_timers_incident_id_kind"),
        _fk("sla_timers", "incident_id", "incidents", "id"),
    )
    op.create_index("ix_sla_timers_incident_id", "sla_timers", ["incident_id"])
    op.create_index("ix_sla_timers_breached_at", "sla_timers", ["breached_at"])
    op.create_index("ix_sla_timers_met_at_due_at", "sla_timers", ["met_at", "due_at"])
    op.create_table(
        "alarm_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("equipment_id", sa.String(20), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("recovery", sa.Boolean(), nullable=False),
        sa.Column("step", sa.String(10), nullable=False),
        sa.Column("incident_id", sa.String(20)),
        sa.PrimaryKeyConstraint("id", name="pk_alarm_events"),
        _fk("alarm_events", "equipment_id", "equipment", "id"),
    )
    op.create_index("ix_alarm_events_equipment_id", "alarm_events", ["equipment_id"])
    op.create_index("ix_alarm_events_incident_id", "alarm_events", ["incident_id"])
    op.create_table(
        "open_alarms",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("first_at", TS, nullable=False),
        sa.Column("last_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_open_alarms"),
        _fk("open_alarms", "incident_id", "incidents", "id"),
    )
    op.create_table(
        "maintenance_runs",
        sa.Column("plan_id", sa.String(40), nullable=False),
        sa.Column("equipment_id", sa.String(20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "equipment_id", "due_on", name="pk_maintenance_runs"),
        _fk("maintenance_runs", "incident_id", "incidents", "id"),
    )
    op.create_table(
        "dispatch_documents",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(60), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_dispatch_documents"),
    )


def downgrade() -> None:
    for table in ("dispatch_documents", "maintenance_runs", "open_alarms", "alarm_events",
                  "sla_timers", "dispatches", "routing_decisions", "technician_profiles"):
        op.drop_table(table)
    counters = sa.table("counters", sa.column("name", sa.String))
    op.execute(counters.delete().where(counters.c.name.in_(COUNTERS)))
