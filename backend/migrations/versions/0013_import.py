"""Real companies' data (issue 13 §8): an incident's own number from the system it was
imported from, contacts' Telegram @usernames, booked visits and ordered parts.

Revision ID: 0013_import
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_import"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("reference", sa.String(40), nullable=True))
        batch.create_unique_constraint("uq_incidents_reference", ["reference"])
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("telegram_username", sa.String(64), nullable=True))
        batch.create_index("ix_contacts_telegram_username", ["telegram_username"])
    op.create_table(
        "incident_visits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("technician_id", sa.String(20), nullable=True),
        sa.Column("starts_at", TS, nullable=False),
        sa.Column("ends_at", TS, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incident_visits"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name="fk_incident_visits_incident_id_incidents"),
        sa.ForeignKeyConstraint(["technician_id"], ["technicians.id"],
                                name="fk_incident_visits_technician_id_technicians"),
    )
    op.create_index("ix_incident_visits_incident_id", "incident_visits", ["incident_id"])
    op.create_table(
        "incident_parts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("part_number", sa.String(60), nullable=True),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity", sa.Numeric(10, 2), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=True),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incident_parts"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name="fk_incident_parts_incident_id_incidents"),
    )
    op.create_index("ix_incident_parts_incident_id", "incident_parts", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_parts_incident_id", table_name="incident_parts")
    op.drop_table("incident_parts")
    op.drop_index("ix_incident_visits_incident_id", table_name="incident_visits")
    op.drop_table("incident_visits")
    with op.batch_alter_table("contacts") as batch:
        batch.drop_index("ix_contacts_telegram_username")
        batch.drop_column("telegram_username")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_constraint("uq_incidents_reference", type_="unique")
        batch.drop_column("reference")
