"""The manufacturer's warranty of a machine, evaluated as a contract of its own.

Defects only (not consumables, not misuse), labour, parts and travel included, office
hours of mainland Spain; overridable per call (`decide_coverage(warranty_terms=...)`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from backend.domain.coverage.business_time import CoveredHours
from backend.domain.coverage.calendars import ES_NATIONAL
from backend.domain.coverage.terms import ContractTerms, Equipment
from backend.domain.coverage.vocabulary import ContractType, IncidentType, Priority

DEFAULT_WARRANTY_TERMS = ContractTerms(
    contract_type=ContractType.WARRANTY_EXTENSION,
    incident_types=frozenset(IncidentType) - {IncidentType.CONSUMABLES, IncidentType.MISUSE},
    covered_hours=CoveredHours.parse("Europe/Madrid", "mon-fri 08:00-18:00", ES_NATIONAL),
    response_hours={
        Priority.CRITICAL: Decimal(8), Priority.HIGH: Decimal(16),
        Priority.MEDIUM: Decimal(30), Priority.LOW: Decimal(50),
    },
    resolution_hours={
        Priority.CRITICAL: Decimal(40), Priority.HIGH: Decimal(80),
        Priority.MEDIUM: Decimal(120), Priority.LOW: Decimal(200),
    },
)


def warranty_valid(equipment: Equipment, moment: datetime, terms: ContractTerms) -> bool:
    """True while the local date of `moment` is on or before `warranty_end`."""
    if equipment.warranty_end is None:
        return False
    return terms.covered_hours.local_date(moment) <= equipment.warranty_end
