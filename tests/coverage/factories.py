"""Builders for coverage tests: a standard 8x5 contract in Madrid, and moments in Madrid time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from backend.domain.coverage import (
    ES_NATIONAL,
    Allowance,
    Contract,
    ContractState,
    ContractTerms,
    ContractType,
    ContractVersion,
    CoveredHours,
    Equipment,
    IncidentType,
    Priority,
)

MADRID = ZoneInfo("Europe/Madrid")
EIGHT_BY_FIVE = "mon-fri 08:00-18:00"
ALL_BUT_MISUSE = frozenset(IncidentType) - {IncidentType.MISUSE}

RESPONSE = {Priority.CRITICAL: Decimal(4), Priority.HIGH: Decimal(8),
            Priority.MEDIUM: Decimal(24), Priority.LOW: Decimal(72)}
RESOLUTION = {Priority.CRITICAL: Decimal(24), Priority.HIGH: Decimal(48),
              Priority.MEDIUM: Decimal(120), Priority.LOW: Decimal(240)}

MACHINE = Equipment("EQ-0001", warranty_end=date(2025, 3, 15))
NEW_MACHINE = Equipment("EQ-0002", warranty_end=date(2026, 12, 31))
BARE_MACHINE = Equipment("EQ-0003", warranty_end=None)


def at(text: str) -> datetime:
    """A Madrid wall-clock moment: at('2026-03-10 10:00')."""
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def terms(
    contract_type: ContractType = ContractType.FULL_MAINTENANCE,
    schedule: str = EIGHT_BY_FIVE,
    incident_types: frozenset[IncidentType] = ALL_BUT_MISUSE,
    **changes: Any,
) -> ContractTerms:
    base = ContractTerms(
        contract_type=contract_type,
        incident_types=incident_types,
        covered_hours=CoveredHours.parse("Europe/Madrid", schedule, ES_NATIONAL),
        response_hours=RESPONSE,
        resolution_hours=RESOLUTION,
        allowance=Allowance(),
    )
    return replace(base, **changes)


def contract(
    contract_id: str = "CT-0001",
    *,
    equipment: tuple[str, ...] = ("EQ-0001", "EQ-0002", "EQ-0003"),
    state: ContractState = ContractState.ACTIVE,
    start: date = date(2025, 1, 1),
    end: date | None = date(2026, 12, 31),
    versions: tuple[ContractVersion, ...] | None = None,
    **term_args: Any,
) -> Contract:
    return Contract(
        id=contract_id,
        equipment=frozenset(equipment),
        start=start,
        end=end,
        state=state,
        versions=versions or (ContractVersion(valid_from=start, terms=terms(**term_args)),),
    )


def hours(value: str) -> Decimal:
    return Decimal(value)
