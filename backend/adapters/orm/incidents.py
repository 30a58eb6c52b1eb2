"""Incidents (optimistically locked by `version`) and their audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.adapters.orm.base import Base
from backend.adapters.orm.catalog import Equipment
from backend.adapters.types import UTCDateTime


class Incident(Base):
    __tablename__ = "incidents"

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
