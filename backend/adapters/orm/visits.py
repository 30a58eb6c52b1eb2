"""What is planned for an open incident: booked visits (a window, a technician) and parts
ordered for it (with the day they are expected). Written by `avisa import` from the system
being replaced, read by the status answers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class IncidentVisit(Base):
    """A visit booked for ``starts_at``–``ends_at``; state booked | done | cancelled."""

    __tablename__ = "incident_visits"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    technician_id: Mapped[str | None] = mapped_column(ForeignKey("technicians.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))  # import | avisa
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IncidentPart(Base):
    """A part ordered for an incident; state ordered | received | fitted | cancelled."""

    __tablename__ = "incident_parts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    part_number: Mapped[str | None] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2, asdecimal=True))
    state: Mapped[str] = mapped_column(String(12))
    ordered_on: Mapped[date | None]
    expected_on: Mapped[date | None]
    source: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
