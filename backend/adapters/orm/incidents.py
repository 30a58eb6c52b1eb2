"""Incidents (optimistically locked by `version`), their audit trail, the reports merged
into them, who follows them, reports waiting for the customer's answer, and the
audit of merges and splits made by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.adapters.orm.base import Base
from backend.adapters.orm.catalog import Equipment
from backend.adapters.types import UTCDateTime


class Incident(Base):
    __tablename__ = "incidents"
    # The duplicate check reads one customer's incidents of some states, recent first.
    __table_args__ = (
        Index("ix_incidents_customer_state_updated", "customer_code", "state", "updated_at"),
        Index("ix_incidents_created_at", "created_at"),  # the reports' period
    )

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    equipment_id: Mapped[str | None] = mapped_column(ForeignKey("equipment.id"), index=True)
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    symptom: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(10))
    service_type: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1)
    # the incident's own number in the system it was imported from (`avisa import`)
    reference: Mapped[str | None] = mapped_column(String(40), unique=True)

    equipment: Mapped[Equipment | None] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)


class IncidentEvent(Base):
    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class IncidentReport(Base):
    """One report of a problem, kept verbatim with its channel and sender; an incident
    has one or more (the first opened it, the others were merged into it)."""

    __tablename__ = "incident_reports"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # machines the duplicate check took the report to be about (JSON list of ids)
    equipment_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    decision: Mapped[str] = mapped_column(String(12))  # new | merged | confirmed | declined
    score: Mapped[float | None] = mapped_column(Float)
    # the duplicate check's analysis of `text` (backend.services.dedupe.analyses)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class IncidentSubscription(Base):
    """Who hears about an incident, on their own channel and address."""

    __tablename__ = "incident_subscriptions"
    __table_args__ = (UniqueConstraint("incident_id", "channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    conversation_id: Mapped[str | None] = mapped_column(ForeignKey("conversations.id"))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PendingReport(Base):
    """A report the customer is being asked about ("is this about INC-00457?")."""

    __tablename__ = "pending_reports"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"))
    candidate_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"))
    equipment_id: Mapped[str | None] = mapped_column(ForeignKey("equipment.id"))
    symptom: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(10))
    service_type: Mapped[str] = mapped_column(String(12))
    equipment_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(Float)
    recurrence_of: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IncidentMerge(Base):
    """Audit of a merge or split made by hand (who, when, what), enough to undo it."""

    __tablename__ = "incident_merges"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge | split
    source_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    report_ids: Mapped[list[int]] = mapped_column(JSON)
    # subscriptions added to the target / removed from the source: [channel, address, cid]
    subscriptions: Mapped[dict[str, Any]] = mapped_column(JSON)
    source_state: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undone_by: Mapped[str | None] = mapped_column(String(60))
