"""Coverage decisions, service orders, billing documents and their lines, idempotency keys,
and the price list (kept whole as JSON: it is read as one document)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime

MONEY = Numeric(12, 2, asdecimal=True)
QUANTITY = Numeric(12, 3, asdecimal=True)


class PriceListRow(Base):
    __tablename__ = "price_lists"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CoverageRecord(Base):
    """A coverage decision taken for an incident: when reported, and again at closure."""

    __tablename__ = "coverage_decisions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    stage: Mapped[str] = mapped_column(String(10))  # reported | closed
    incident_type: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(16))
    source_kind: Mapped[str | None] = mapped_column(String(10))
    source_id: Mapped[str | None] = mapped_column(String(20))
    contract_type: Mapped[str | None] = mapped_column(String(30))
    valid_from: Mapped[date | None]
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    billable: Mapped[dict[str, Any]] = mapped_column(JSON)
    priority: Mapped[str] = mapped_column(String(10))
    response_due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolution_due: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent: Mapped[str | None] = mapped_column(String(10))  # accepted | refused
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ServiceOrder(Base):
    """One visit (or remote job) for an incident: SO-00001."""

    __tablename__ = "service_orders"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    technician_id: Mapped[str | None] = mapped_column(ForeignKey("technicians.id"))
    state: Mapped[str] = mapped_column(String(10))  # open | closed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    labour_hours: Mapped[Decimal | None] = mapped_column(MONEY)
    travel_km: Mapped[Decimal | None] = mapped_column(MONEY)
    remote: Mapped[bool] = mapped_column(default=False)
    parts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(20))
    contract_id: Mapped[str | None] = mapped_column(String(20), index=True)  # applied at closure
    covered_hours: Mapped[Decimal | None] = mapped_column(MONEY)  # counted on the allowance


class BillingDocumentRow(Base):
    """Delivery note (ALB-00001) or periodic contract invoice (INV-00001)."""

    __tablename__ = "billing_documents"
    __table_args__ = (Index("ix_billing_documents_state_issued_at", "state", "issued_at"),
                      # the money report's sums per customer, month and kind (index only)
                      Index("ix_billing_documents_report", "issue_date", "state",
                            "customer_code", "kind", "net", "total"))

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10))
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    reference: Mapped[str] = mapped_column(String(80))
    incident_id: Mapped[str | None] = mapped_column(String(20))
    service_order_id: Mapped[str | None] = mapped_column(String(20))
    contract_id: Mapped[str | None] = mapped_column(String(20))
    period: Mapped[str | None] = mapped_column(String(7))
    language: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    net: Mapped[Decimal] = mapped_column(MONEY)
    vat: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    covered: Mapped[Decimal] = mapped_column(MONEY)
    issue_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BillingLineRow(Base):
    __tablename__ = "billing_document_lines"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("billing_documents.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    reference: Mapped[str] = mapped_column(String(60))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    vat_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2, asdecimal=True))
    covered: Mapped[bool]
    net: Mapped[Decimal] = mapped_column(MONEY)
    vat: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)


class BillingKey(Base):
    """Idempotency keys (`CT-0001/2026-11`, `CT-0001/renewal/2026-01-01`), stored in the same
    transaction as what they stand for: a key present means done."""

    __tablename__ = "billing_keys"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    document_id: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
