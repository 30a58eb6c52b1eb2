"""Initial schema: catalog, contracts, technicians, conversations, incidents, outbox.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
COUNTERS = ("incident", "conversation", "message", "outbox")


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{ref_table}")


def upgrade() -> None:
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
        _pk("counters"),
    )
    op.bulk_insert(counters, [{"name": name, "value": 0} for name in COUNTERS])
    op.create_table(
        "customers",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("tax_id", sa.String(40)),
        sa.Column("language", sa.String(2), nullable=False),
        _pk("customers"),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200)),
        sa.Column("phone", sa.String(32)),
        sa.Column("telegram_id", sa.String(64)),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        _pk("contacts"),
        _fk("contacts", "customer_code", "customers.code"),
    )
    for column in ("customer_code", "email", "phone", "telegram_id"):
        op.create_index(f"ix_contacts_{column}", "contacts", [column])
    op.create_table(
        "sites",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(300)),
        sa.Column("city", sa.String(100)),
        sa.Column("zone", sa.String(40)),
        _pk("sites"),
        _fk("sites", "customer_code", "customers.code"),
    )
    op.create_index("ix_sites_customer_code", "sites", ["customer_code"])
    op.create_table(
        "equipment",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("serial", sa.String(60), nullable=False),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("site_id", sa.String(20)),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("model", sa.String(200)),
        sa.Column("description", sa.Text()),
        sa.Column("installed_on", sa.Date()),
        sa.Column("warranty_end", sa.Date()),
        _pk("equipment"),
        _fk("equipment", "customer_code", "customers.code"),
        _fk("equipment", "site_id", "sites.id"),
    )
    op.create_index("ix_equipment_serial", "equipment", ["serial"])
    op.create_index("ix_equipment_customer_code", "equipment", ["customer_code"])
    _contracts_and_technicians()
    _conversations()
    _incidents()
    _outbox()


def _contracts_and_technicians() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("incident_types", sa.JSON(), nullable=False),
        sa.Column("covered_hours", sa.JSON(), nullable=False),
        sa.Column("response_hours", sa.JSON(), nullable=False),
        sa.Column("resolution_hours", sa.JSON(), nullable=False),
        sa.Column("allowance", sa.JSON()),
        sa.Column("price", sa.Numeric(12, 2), nullable=False),
        sa.Column("billing", sa.String(20), nullable=False),
        sa.Column("renewal", sa.JSON()),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date()),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("clauses", sa.Text()),
        _pk("contracts"),
        _fk("contracts", "customer_code", "customers.code"),
    )
    op.create_index("ix_contracts_customer_code", "contracts", ["customer_code"])
    op.create_table(
        "contract_equipment",
        sa.Column("contract_id", sa.String(20), primary_key=True),
        sa.Column("equipment_id", sa.String(20), primary_key=True),
        _pk("contract_equipment"),
        _fk("contract_equipment", "contract_id", "contracts.id"),
        _fk("contract_equipment", "equipment_id", "equipment.id"),
    )
    op.create_table(
        "technicians",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("zone", sa.String(40), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("email", sa.String(200)),
        sa.Column("telegram_id", sa.String(64)),
        sa.Column("shift", sa.JSON()),
        _pk("technicians"),
    )


def _conversations() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("customer_code", sa.String(20)),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("verified_at", TS),
        sa.Column("language", sa.String(2)),
        sa.Column("handled_by", sa.String(10), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        _pk("conversations"),
        _fk("conversations", "customer_code", "customers.code"),
        sa.UniqueConstraint("channel", "address", name="uq_conversations_channel_address"),
    )
    op.create_index("ix_conversations_customer_code", "conversations", ["customer_code"])
    op.create_table(
        "messages",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(20), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON()),
        sa.Column("provider_message_id", sa.String(200)),
        sa.Column("created_at", TS, nullable=False),
        _pk("messages"),
        _fk("messages", "conversation_id", "conversations.id"),
        sa.UniqueConstraint(
            "channel", "provider_message_id", name="uq_messages_channel_provider_message_id"
        ),
    )
    op.create_index("ix_messages_seq", "messages", ["seq"])
    op.create_index("ix_messages_conversation_id", "messages", ["conversation_id"])
    op.create_table(
        "verification_attempts",
        sa.Column("conversation_id", sa.String(20), primary_key=True),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("code_hash", sa.String(100)),
        sa.Column("expires_at", TS),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _pk("verification_attempts"),
        _fk("verification_attempts", "conversation_id", "conversations.id"),
        _fk("verification_attempts", "customer_code", "customers.code"),
    )


def _incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("equipment_id", sa.String(20)),
        sa.Column("site_id", sa.String(20)),
        sa.Column("symptom", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("service_type", sa.String(12), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("conversation_id", sa.String(20)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _pk("incidents"),
        _fk("incidents", "customer_code", "customers.code"),
        _fk("incidents", "equipment_id", "equipment.id"),
        _fk("incidents", "site_id", "sites.id"),
        _fk("incidents", "conversation_id", "conversations.id"),
    )
    for column in ("customer_code", "equipment_id", "state"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("from_state", sa.String(16)),
        sa.Column("to_state", sa.String(16)),
        sa.Column("actor", sa.String(60), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("at", TS, nullable=False),
        _pk("incident_events"),
        _fk("incident_events", "incident_id", "incidents.id"),
    )
    op.create_index("ix_incident_events_incident_id", "incident_events", ["incident_id"])


def _outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.JSON()),
        sa.Column("conversation_id", sa.String(20)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("claimed_until", TS),
        sa.Column("via", sa.String(20)),
        sa.Column("provider_message_id", sa.String(200)),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("delivered_at", TS),
        _pk("outbox"),
        _fk("outbox", "conversation_id", "conversations.id"),
    )
    op.create_index("ix_outbox_seq", "outbox", ["seq"])
    op.create_index("ix_outbox_status_next_attempt_at", "outbox", ["status", "next_attempt_at"])


def downgrade() -> None:
    for table in (
        "outbox", "incident_events", "incidents", "verification_attempts", "messages",
        "conversations", "technicians", "contract_equipment", "contracts", "equipment",
        "sites", "contacts", "customers", "counters",
    ):
        op.drop_table(table)
