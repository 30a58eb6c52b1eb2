"""The closed vocabularies of coverage: contract types and states, incident and service types."""

from __future__ import annotations

from enum import StrEnum


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


class ServiceType(StrEnum):
    PREVENTIVE = "preventive"
    CONDUCTIVE = "conductive"
    CORRECTIVE = "corrective"
    INDUCTIVE = "inductive"


class Priority(StrEnum):
    """The incident's priority (backend.domain.incident.Priority), most urgent first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def _missing_(cls, value: object) -> Priority | None:
        return cls.MEDIUM if value == "normal" else None


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
