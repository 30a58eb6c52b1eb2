"""Reasons of a coverage decision: a stable code plus parameters, rendered by `messages`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class ReasonCode(StrEnum):
    NO_COVERAGE_ON_FILE = "no_coverage_on_file"
    WARRANTY_VALID = "warranty_valid"
    WARRANTY_EXPIRED = "warranty_expired"
    CONTRACT_APPLIES = "contract_applies"
    CONTRACT_DRAFT = "contract_draft"
    CONTRACT_SUSPENDED = "contract_suspended"
    CONTRACT_CANCELLED = "contract_cancelled"
    CONTRACT_EXPIRED = "contract_expired"
    CONTRACT_NOT_STARTED = "contract_not_started"
    CONTRACT_ENDED = "contract_ended"
    NO_TERMS_AT_MOMENT = "no_terms_at_moment"
    CONTINUOUS_SERVICE = "continuous_service"
    SERVICE_TYPE_NOT_COVERED = "service_type_not_covered"
    INCIDENT_TYPE_NOT_COVERED = "incident_type_not_covered"
    PREVENTIVE_COVERED = "preventive_covered"
    LABOUR_NOT_COVERED = "labour_not_covered"
    PARTS_NOT_COVERED = "parts_not_covered"
    TRAVEL_NOT_COVERED = "travel_not_covered"
    COVERED_24X7 = "covered_24x7"
    OUTSIDE_COVERED_HOURS = "outside_covered_hours"
    HOLIDAY = "holiday"
    OUT_OF_HOURS_SURCHARGE = "out_of_hours_surcharge"
    OUT_OF_HOURS_LABOUR_BILLABLE = "out_of_hours_labour_billable"
    OUT_OF_HOURS_NOT_COVERED = "out_of_hours_not_covered"
    VISITS_EXHAUSTED = "visits_exhausted"
    HOURS_EXHAUSTED = "hours_exhausted"
    HOURS_EXHAUSTED_MID_JOB = "hours_exhausted_mid_job"
    PAST_ALLOWANCE_NOT_COVERED = "past_allowance_not_covered"
    MORE_FAVOURABLE = "more_favourable"


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, **params: object) -> Reason:
        return cls(code, tuple(sorted((k, str(v)) for k, v in params.items())))

    @property
    def values(self) -> Mapping[str, str]:
        return dict(self.params)
