"""Contracts (terms kept as JSON where they are structured), their versions, and technicians.

The columns of `contracts` hold the latest terms; `contract_versions` holds every version
(initial, amendment, renewal) with the local dates it is valid on: coverage and billing read
the versions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class Contract(Base):
    __tablename__ = "contracts"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    incident_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    covered_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    response_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    resolution_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    allowance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2, asdecimal=True))
    billing: Mapped[str] = mapped_column(String(20))
    renewal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    start: Mapped[date]
    end: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(20))
    clauses: Mapped[str | None] = mapped_column(Text)

    equipment_links: Mapped[list[ContractEquipment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def equipment_ids(self) -> list[str]:
        return sorted(link.equipment_id for link in self.equipment_links)


class ContractEquipment(Base):
    __tablename__ = "contract_equipment"

    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), primary_key=True)
    equipment_id: Mapped[str] = mapped_column(ForeignKey("equipment.id"), primary_key=True)


class ContractVersion(Base):
    """One version of a contract's terms, valid on [valid_from, valid_to) (local dates)."""

    __tablename__ = "contract_versions"
    __table_args__ = (UniqueConstraint("contract_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(12))  # initial | amendment | renewal
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Technician(Base):
    __tablename__ = "technicians"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    zone: Mapped[str] = mapped_column(String(40))
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    telegram_id: Mapped[str | None] = mapped_column(String(64))
    shift: Mapped[dict[str, Any] | None] = mapped_column(JSON)
