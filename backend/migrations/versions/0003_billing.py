"""Contracts, coverage and billing: contract versions, coverage decisions, service orders,
billing documents and lines, idempotency keys, the price list, and three id counters.

A branch of the schema from 0001 (`avisa db upgrade` upgrades every head). Contracts that
exist already have no version rows: the services read their columns as version 1.

Revision ID: 0003
Revises: 0001
Create Date: 2026-03-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
MONEY = sa.Numeric(12, 2)
COUNTERS = ("service_order", "delivery_note", "invoice")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{ref_table}")


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(name=f"pk_{table}")


def upgrade() -> None:
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": name, "value": 0} for name in COUNTERS])
    op.create_table(
        "contract_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("contract_id", sa.String(20), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", TS, nullable=False),
        _pk("contract_versions"),
        _fk("contract_versions", "contract_id", "contracts.id"),
        sa.UniqueConstraint(
            "contract_id", "number", name="uq_contract_versions_contract_id_number"
        ),
    )
    op.create_index("ix_contract_versions_contract_id", "contract_versions", ["contract_id"])
    op.create_table(
        "price_lists",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("loaded_at", TS, nullable=False),
        _pk("price_lists"),
    )
    _coverage()
    _service_orders()
    _documents()


def _coverage() -> None:
    op.create_table(
        "coverage_decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("incident_type", sa.String(20)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("source_kind", sa.String(10)),
        sa.Column("source_id", sa.String(20)),
        sa.Column("contract_type", sa.String(30)),
        sa.Column("valid_from", sa.Date()),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("billable", sa.JSON(), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("response_due", TS),
        sa.Column("resolution_due", TS),
        sa.Column("consent", sa.String(10)),
        sa.Column("consent_at", TS),
        sa.Column("decided_at", TS, nullable=False),
        _pk("coverage_decisions"),
        _fk("coverage_decisions", "incident_id", "incidents.id"),
    )
    op.create_index("ix_coverage_decisions_incident_id", "coverage_decisions", ["incident_id"])


def _service_orders() -> None:
    op.create_table(
        "service_orders",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("incident_id", sa.String(20), nullable=False),
        sa.Column("technician_id", sa.String(20)),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("started_at", TS),
        sa.Column("ended_at", TS),
        sa.Column("closed_at", TS),
        sa.Column("labour_hours", MONEY),
        sa.Column("travel_km", MONEY),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text()),
        sa.Column("category", sa.String(20)),
        sa.Column("contract_id", sa.String(20)),
        sa.Column("covered_hours", MONEY),
        _pk("service_orders"),
        _fk("service_orders", "incident_id", "incidents.id"),
        _fk("service_orders", "technician_id", "technicians.id"),
    )
    for column in ("incident_id", "ended_at", "contract_id"):
        op.create_index(f"ix_service_orders_{column}", "service_orders", [column])


def _documents() -> None:
    op.create_table(
        "billing_documents",
        sa.Column("id", sa.String(20), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("customer_code", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(80), nullable=False),
        sa.Column("incident_id", sa.String(20)),
        sa.Column("service_order_id", sa.String(20)),
        sa.Column("contract_id", sa.String(20)),
        sa.Column("period", sa.String(7)),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("net", MONEY, nullable=False),
        sa.Column("vat", MONEY, nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("covered", MONEY, nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("issued_at", TS),
        sa.Column("exported_at", TS),
        _pk("billing_documents"),
        _fk("billing_documents", "customer_code", "customers.code"),
    )
    op.create_index("ix_billing_documents_customer_code", "billing_documents", ["customer_code"])
    op.create_index("ix_billing_documents_state_issued_at", "billing_documents",
                    ["state", "issued_at"])
    op.create_table(
        "billing_document_lines",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(60), nullable=False),
        sa.Column("quantity", sa.Numeric(12, 3), nullable=False),
        sa.Column("unit_price", MONEY, nullable=False),
        sa.Column("vat_pct", sa.Numeric(5, 2), nullable=False),
        sa.Column("covered", sa.Boolean(), nullable=False),
        sa.Column("net", MONEY, nullable=False),
        sa.Column("vat", MONEY, nullable=False),
        sa.Column("total", MONEY, nullable=False),
        _pk("billing_document_lines"),
        _fk("billing_document_lines", "document_id", "billing_documents.id"),
    )
    op.create_index("ix_billing_document_lines_document_id", "billing_document_lines",
                    ["document_id"])
    op.create_table(
        "billing_keys",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("document_id", sa.String(20)),
        sa.Column("created_at", TS, nullable=False),
        _pk("billing_keys"),
    )
    op.create_index("ix_billing_keys_period", "billing_keys", ["period"])


def downgrade() -> None:
    for table in ("billing_keys", "billing_document_lines", "billing_documents", "service_orders",
                  "coverage_decisions", "price_lists", "contract_versions"):
        op.drop_table(table)
    counters = sa.table("counters", sa.column("name", sa.String))
    op.execute(counters.delete().where(counters.c.name.in_(COUNTERS)))
