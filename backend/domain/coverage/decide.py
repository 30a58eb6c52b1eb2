"""`decide_coverage`: which warranty or contract covers an incident, with reasons (pure).

Every candidate is evaluated on its own: the machine's warranty, then each contract that
protects the machine (by id). The most favourable to the customer applies: covered beats
partly covered beats not covered, then fewer billable items, more covered hours, no
allowance consumed, earlier response deadline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from backend.domain.coverage.business_time import require_aware
from backend.domain.coverage.candidate import Candidate, CoverageRequest, most_favourable, rejected
from backend.domain.coverage.decision import CoverageDecision, CoverageSource
from backend.domain.coverage.evaluate import evaluate_terms
from backend.domain.coverage.reasons import Reason, ReasonCode
from backend.domain.coverage.terms import Contract, ContractTerms, Equipment
from backend.domain.coverage.vocabulary import (
    ContractState,
    IncidentType,
    Outcome,
    Priority,
    ServiceType,
    SourceKind,
)
from backend.domain.coverage.warranty import DEFAULT_WARRANTY_TERMS, warranty_valid
from backend.domain.coverage.work import NO_USAGE, ClosedWork, Usage

R = ReasonCode

STATE_REASONS: Mapping[ContractState, ReasonCode] = {
    ContractState.DRAFT: R.CONTRACT_DRAFT,
    ContractState.SUSPENDED: R.CONTRACT_SUSPENDED,
    ContractState.CANCELLED: R.CONTRACT_CANCELLED,
    ContractState.EXPIRED: R.CONTRACT_EXPIRED,
}


def decide_coverage(
    equipment: Equipment,
    *,
    incident_type: IncidentType | None,
    moment: datetime,
    service_type: ServiceType = ServiceType.CORRECTIVE,
    contracts: Iterable[Contract] = (),
    usage: Mapping[str, Usage] | None = None,
    work: ClosedWork | None = None,
    priority: Priority = Priority.MEDIUM,
    warranty_terms: ContractTerms = DEFAULT_WARRANTY_TERMS,
) -> CoverageDecision:
    """Decide coverage of one incident (or, with `work`, of its closed work).

    `contracts` may hold any contracts: only those listing the equipment count.
    `usage` maps contract id → hours and visits already used in its current contract year.
    `incident_type` may be None for preventive/conductive work, or when not yet known.
    """
    request = CoverageRequest(equipment, incident_type, service_type, require_aware(moment),
                              priority, work)
    used = usage or {}
    candidates = [_warranty(request, warranty_terms)] if equipment.warranty_end else []
    mine = sorted((c for c in contracts if equipment.id in c.equipment), key=lambda c: c.id)
    candidates += [_contract(c, request, used.get(c.id, NO_USAGE)) for c in mine]
    if not candidates:
        candidates = [rejected(Reason.of(R.NO_COVERAGE_ON_FILE, equipment=equipment.id))]
    best = most_favourable(candidates)
    if best.outcome is Outcome.NOT_COVERED:
        reasons = tuple(reason for c in candidates for reason in c.reasons)
        return CoverageDecision(Outcome.NOT_COVERED, None, reasons, best.billable, None)
    others = [c for c in candidates if c is not best and c.outcome is not Outcome.NOT_COVERED]
    favour = tuple(_favour(best, other) for other in others)
    return CoverageDecision(best.outcome, best.source, best.reasons + favour, best.billable,
                            best.sla)


def _favour(best: Candidate, other: Candidate) -> Reason:
    assert best.source is not None and other.source is not None
    return Reason.of(R.MORE_FAVOURABLE, chosen=best.source.id, other=other.source.id)


def _warranty(request: CoverageRequest, terms: ContractTerms) -> Candidate:
    equipment = request.equipment
    if not warranty_valid(equipment, request.moment, terms):
        return rejected(Reason.of(R.WARRANTY_EXPIRED, equipment=equipment.id,
                                  until=equipment.warranty_end))
    source = CoverageSource(SourceKind.WARRANTY, equipment.id, terms.contract_type)
    lead = Reason.of(R.WARRANTY_VALID, equipment=equipment.id, until=equipment.warranty_end)
    return evaluate_terms(source, terms, request, NO_USAGE, lead)


def _contract(contract: Contract, request: CoverageRequest, usage: Usage) -> Candidate:
    state_code = STATE_REASONS.get(contract.state)
    if state_code is not None:
        return rejected(Reason.of(state_code, contract=contract.id))
    day = contract.local_date(request.moment)
    if day < contract.start:
        return rejected(
            Reason.of(R.CONTRACT_NOT_STARTED, contract=contract.id, start=contract.start)
        )
    if contract.end is not None and day > contract.end:
        return rejected(Reason.of(R.CONTRACT_ENDED, contract=contract.id, end=contract.end))
    version = contract.version_at(request.moment)
    if version is None:
        return rejected(Reason.of(R.NO_TERMS_AT_MOMENT, contract=contract.id, date=day))
    terms = version.terms
    source = CoverageSource(SourceKind.CONTRACT, contract.id, terms.contract_type,
                            version.valid_from)
    lead = Reason.of(R.CONTRACT_APPLIES, contract=contract.id, type=terms.contract_type,
                     valid_from=version.valid_from)
    return evaluate_terms(source, terms, request, usage, lead)
