"""Routing decisions, dispatch offers (optimistically locked), technicians' links and
dialogue state, SLA timers, inductive alarms and generated maintenance runs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class TechnicianProfile(Base):
    """What a technician set or linked: language, Telegram chat, absences, and the state of
    the conversation with the gateway (numbered choices on offer, the closing dialogue)."""

    __tablename__ = "technician_profiles"

    technician_id: Mapped[str] = mapped_column(ForeignKey("technicians.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2), default="es")
    telegram_id: Mapped[str | None] = mapped_column(String(64), index=True)
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    absences: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    dialog: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class RoutingDecision(Base):
    __tablename__ = "routing_decisions"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    queue: Mapped[str] = mapped_column(String(40))
    rule: Mapped[str | None] = mapped_column(String(80))
    rule_line: Mapped[int | None]
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    chosen_id: Mapped[str | None] = mapped_column(String(20))
    held: Mapped[str | None] = mapped_column(String(30))  # consent_required | nobody
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Dispatch(Base):
    """One offer of a job to one technician: DSP-00001."""

    __tablename__ = "dispatches"
    __table_args__ = (Index("ix_dispatches_state_ack_due_at", "state", "ack_due_at"),
                      Index("ix_dispatches_offered_at", "offered_at"))  # reports' period

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    technician_id: Mapped[str] = mapped_column(ForeignKey("technicians.id"), index=True)
    routing_id: Mapped[int | None] = mapped_column(ForeignKey("routing_decisions.id"))
    rank: Mapped[int]
    state: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(20))
    service_order_id: Mapped[str | None] = mapped_column(String(20))
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ack_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)
    # what the technician reported besides "finished": delay | follow_up | not_fixed | absent
    outcome: Mapped[str | None] = mapped_column(String(16))
    eta: Mapped[datetime | None] = mapped_column(UTCDateTime())
    follow_up_on: Mapped[date | None]
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it)


class SlaTimerRow(Base):
    __tablename__ = "sla_timers"
    __table_args__ = (UniqueConstraint("incident_id", "kind"),
                      Index("ix_sla_timers_met_at_due_at", "met_at", "due_at"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # response | resolution
    contract_id: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    warn_at: Mapped[datetime] = mapped_column(UTCDateTime())
    warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # covered seconds from start to met_at, filled by the scheduler for the SLA report
    business_seconds: Mapped[int | None] = mapped_column()


class AlarmEvent(Base):
    __tablename__ = "alarm_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(40))
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recovery: Mapped[bool] = mapped_column(default=False)
    step: Mapped[str] = mapped_column(String(10))
    incident_id: Mapped[str | None] = mapped_column(String(20), index=True)


class OpenAlarmRow(Base):
    """At most one open alarm incident per equipment and code: the key is the primary key."""

    __tablename__ = "open_alarms"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"))
    count: Mapped[int] = mapped_column(default=1)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MaintenanceRun(Base):
    """A plan's occurrence already generated (the key makes generation idempotent)."""

    __tablename__ = "maintenance_runs"

    plan_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    equipment_id: Mapped[str] = mapped_column(String(20), primary_key=True)
    due_on: Mapped[date] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DispatchDocument(Base):
    """Editable data documents (the routing rules), as text, with who changed them."""

    __tablename__ = "dispatch_documents"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(60))
