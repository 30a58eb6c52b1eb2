"""The closed vocabularies of coverage: contract types and states, incident and service types."""

from __future__ import annotations

from enum import StrEnum

# the incident's own vocabularies, one definition for the whole product
from backend.domain.incident import Priority, ServiceType

__all__ = [
    "ContractState",
    "ContractType",
    "IncidentType",
    "Language",
    "OutOfHours",
    "Outcome",
    "PastAllowance",
    "Priority",
    "ServiceType",
    "SourceKind",
]


class ContractType(StrEnum):
    WARRANTY_EXTENSION = "warranty_extension"
    FULL_MAINTENANCE = "full_maintenance"
    PARTIAL_LABOUR = "partial_labour"
    PARTIAL_PARTS = "partial_parts"
    RENTAL = "rental"
    ONSITE_24H = "onsite_24h"
    HELPDESK = "helpdesk"
    CONTINUOUS_SERVICE = "continuous_service"


class ContractState(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class IncidentType(StrEnum):
    MECHANICAL = "mechanical"
    ELECTRICAL = "electrical"
    ELECTRONIC = "electronic"
    SOFTWARE = "software"
    LEAK = "leak"
    NOISE = "noise"
    CONSUMABLES = "consumables"
    MISUSE = "misuse"


class Outcome(StrEnum):
    COVERED = "covered"
    PARTLY_COVERED = "partly_covered"
    NOT_COVERED = "not_covered"


class SourceKind(StrEnum):
    CONTRACT = "contract"
    WARRANTY = "warranty"


class OutOfHours(StrEnum):
    """What the terms say about work outside the covered hours."""

    SURCHARGE = "surcharge"            # work covered, the out-of-hours surcharge is billed
    LABOUR_BILLABLE = "labour_billable"  # labour and surcharge billed, parts still covered
    NOT_COVERED = "not_covered"        # nothing covered outside the covered hours


class PastAllowance(StrEnum):
    """What the terms say once the yearly allowance is used up."""

    BILL_LABOUR = "bill_labour"    # labour (and the visit's travel) billed, parts still covered
    NOT_COVERED = "not_covered"    # nothing covered past the allowance


class Language(StrEnum):
    ES = "es"
    EN = "en"
