"""Table-driven coverage decisions: each case states its outcome, reason codes and what is billable.

Reference moments (Europe/Madrid, 2026): Tue 10 March is an ordinary working day; Good
Friday 3 April and 8 December are national holidays; summer time starts on Sunday 29 March
and ends on Sunday 25 October.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from backend.domain.coverage import (
    Allowance,
    ClosedWork,
    Contract,
    ContractState,
    ContractType,
    ContractVersion,
    Equipment,
    IncidentType,
    Outcome,
    OutOfHours,
    PartUsed,
    PastAllowance,
    ReasonCode,
    ServiceType,
    Usage,
    decide_coverage,
)
from tests.coverage.factories import (
    BARE_MACHINE,
    MACHINE,
    NEW_MACHINE,
    at,
    contract,
    terms,
)

R = ReasonCode
T = ContractType
I = IncidentType
S = ServiceType
COVERED, PARTLY, NOT = Outcome.COVERED, Outcome.PARTLY_COVERED, Outcome.NOT_COVERED

WEEKDAY = "2026-03-10 10:00"
EVENING = "2026-03-10 20:00"
SATURDAY = "2026-03-14 11:00"
SUNDAY_NIGHT = "2026-03-15 03:00"
GOOD_FRIDAY = "2026-04-03 10:00"
IMMACULATE = "2026-12-08 10:00"

FILTER = (PartUsed("FLT-100", Decimal(2)),)
JOB = ClosedWork(labour_hours=Decimal(3), parts=FILTER)
REMOTE = ClosedWork(labour_hours=Decimal(1), travel=False)
TEN_HOURS = Allowance(hours=Decimal(10), visits=12)


def amended(leak_from: date = date(2026, 3, 1)) -> Contract:
    """CT-0009: leaks were added to the covered incident types on `leak_from`."""
    before = terms(incident_types=frozenset({I.MECHANICAL, I.ELECTRICAL}))
    after = terms(incident_types=frozenset({I.MECHANICAL, I.ELECTRICAL, I.LEAK}))
    return contract("CT-0009", versions=(
        ContractVersion(date(2025, 1, 1), before, valid_to=leak_from),
        ContractVersion(leak_from, after),
    ))


@dataclass(frozen=True)
class Case:
    name: str
    moment: str
    contracts: tuple[Contract, ...]
    outcome: Outcome
    codes: tuple[ReasonCode, ...]
    applies: str | None = None
    equipment: Equipment = BARE_MACHINE
    incident: IncidentType | None = I.MECHANICAL
    service: ServiceType = S.CORRECTIVE
    usage: Mapping[str, Usage] = field(default_factory=dict)
    work: ClosedWork | None = None
    billable: tuple[bool, bool, bool, bool] | None = None  # labour, parts, travel, surcharge
    hours: tuple[str, str, str] | None = None              # covered, billable, surcharged


CA, OUT, SUR = R.CONTRACT_APPLIES, R.OUTSIDE_COVERED_HOURS, R.OUT_OF_HOURS_SURCHARGE
NOTHING = (False, False, False, False)

CASES = [
    # --- warranty of the machine -------------------------------------------------------
    Case("nothing on file", WEEKDAY, (), NOT, (R.NO_COVERAGE_ON_FILE,)),
    Case("contract of another machine only", WEEKDAY, (contract(equipment=("EQ-0999",)),), NOT,
         (R.NO_COVERAGE_ON_FILE,)),
    Case("expired warranty", WEEKDAY, (), NOT, (R.WARRANTY_EXPIRED,), equipment=MACHINE),
    Case("warranty valid", WEEKDAY, (), COVERED, (R.WARRANTY_VALID,), "EQ-0002",
         equipment=NEW_MACHINE, work=JOB, billable=NOTHING, hours=("3", "0", "0")),
    Case("warranty valid on its last day", "2026-12-31 10:00", (), COVERED, (R.WARRANTY_VALID,),
         "EQ-0002", equipment=NEW_MACHINE),
    Case("warranty ended the day before", WEEKDAY, (), NOT, (R.WARRANTY_EXPIRED,),
         equipment=Equipment("EQ-0004", warranty_end=date(2026, 3, 9))),
    Case("warranty does not cover consumables", WEEKDAY, (), NOT,
         (R.WARRANTY_VALID, R.INCIDENT_TYPE_NOT_COVERED), equipment=NEW_MACHINE,
         incident=I.CONSUMABLES),
    Case("warranty does not cover misuse", WEEKDAY, (), NOT,
         (R.WARRANTY_VALID, R.INCIDENT_TYPE_NOT_COVERED), equipment=NEW_MACHINE, incident=I.MISUSE),
    Case("warranty in the evening: surcharge billable", EVENING, (), PARTLY,
         (R.WARRANTY_VALID, OUT, SUR), "EQ-0002", equipment=NEW_MACHINE, work=JOB,
         billable=(False, False, False, True), hours=("3", "0", "3")),
    Case("warranty does not include preventive", WEEKDAY, (), NOT,
         (R.WARRANTY_VALID, R.SERVICE_TYPE_NOT_COVERED), equipment=NEW_MACHINE,
         incident=None, service=S.PREVENTIVE),
    Case("suspended contract, warranty still covers", WEEKDAY,
         (contract(state=ContractState.SUSPENDED),), COVERED, (R.WARRANTY_VALID,), "EQ-0002",
         equipment=NEW_MACHINE),
    Case("expired warranty, contract covers", WEEKDAY, (contract(),), COVERED, (CA,), "CT-0001",
         equipment=MACHINE),
    # --- contract states and dates ------------------------------------------------------
    Case("full maintenance on a weekday", WEEKDAY, (contract(),), COVERED, (CA,), "CT-0001",
         work=JOB, billable=NOTHING, hours=("3", "0", "0")),
    Case("suspended", WEEKDAY, (contract(state=ContractState.SUSPENDED),), NOT,
         (R.CONTRACT_SUSPENDED,)),
    Case("cancelled", WEEKDAY, (contract(state=ContractState.CANCELLED),), NOT,
         (R.CONTRACT_CANCELLED,)),
    Case("draft", WEEKDAY, (contract(state=ContractState.DRAFT),), NOT, (R.CONTRACT_DRAFT,)),
    Case("expired state", WEEKDAY, (contract(state=ContractState.EXPIRED),), NOT,
         (R.CONTRACT_EXPIRED,)),
    Case("active but past its end date", WEEKDAY, (contract(end=date(2025, 12, 31)),), NOT,
         (R.CONTRACT_ENDED,)),
    Case("active but not started yet", WEEKDAY, (contract(start=date(2026, 6, 1)),), NOT,
         (R.CONTRACT_NOT_STARTED,)),
    Case("expired warranty and suspended contract", WEEKDAY,
         (contract(state=ContractState.SUSPENDED),), NOT,
         (R.WARRANTY_EXPIRED, R.CONTRACT_SUSPENDED), equipment=MACHINE),
    # --- amendments (versions) -----------------------------------------------------------
    Case("leak before the amendment", "2026-02-27 10:00", (amended(),), NOT,
         (CA, R.INCIDENT_TYPE_NOT_COVERED), incident=I.LEAK),
    Case("leak after the amendment", "2026-03-02 10:00", (amended(),), COVERED, (CA,),
         "CT-0009", incident=I.LEAK),
    Case("leak just after midnight of the amendment day", "2026-03-01 00:30", (amended(),),
         PARTLY, (CA, OUT, SUR), "CT-0009", incident=I.LEAK),
    Case("no version in force", WEEKDAY, (contract("CT-0010", versions=(
        ContractVersion(date(2025, 1, 1), terms(), valid_to=date(2026, 1, 1)),
        ContractVersion(date(2026, 6, 1), terms()))),), NOT, (R.NO_TERMS_AT_MOMENT,)),
    # --- incident and service types ------------------------------------------------------
    Case("misuse not among the covered types", WEEKDAY, (contract(),), NOT,
         (CA, R.INCIDENT_TYPE_NOT_COVERED), incident=I.MISUSE),
    Case("leak under an electrical-only contract", WEEKDAY,
         (contract(incident_types=frozenset({I.ELECTRICAL})),), NOT,
         (CA, R.INCIDENT_TYPE_NOT_COVERED), incident=I.LEAK),
    Case("incident type not known yet", WEEKDAY, (contract(),), COVERED, (CA,), "CT-0001",
         incident=None),
    Case("inductive alarm under full maintenance", WEEKDAY, (contract(),), COVERED, (CA,),
         "CT-0001", incident=I.ELECTRONIC, service=S.INDUCTIVE),
    Case("preventive under full maintenance", WEEKDAY, (contract(),), COVERED,
         (CA, R.PREVENTIVE_COVERED), "CT-0001", incident=None, service=S.PREVENTIVE),
    Case("preventive under labour-only, with parts", WEEKDAY,
         (contract(contract_type=T.PARTIAL_LABOUR),), PARTLY,
         (CA, R.PREVENTIVE_COVERED, R.PARTS_NOT_COVERED), "CT-0001", incident=None,
         service=S.PREVENTIVE, work=JOB, billable=(False, True, False, False)),
    Case("preventive under helpdesk", WEEKDAY, (contract(contract_type=T.HELPDESK),), NOT,
         (CA, R.SERVICE_TYPE_NOT_COVERED), incident=None, service=S.PREVENTIVE),
    Case("conductive under full maintenance", WEEKDAY, (contract(),), NOT,
         (CA, R.SERVICE_TYPE_NOT_COVERED), incident=None, service=S.CONDUCTIVE),
    Case("rental covers corrective", WEEKDAY, (contract(contract_type=T.RENTAL),), COVERED,
         (CA,), "CT-0001"),
    # --- what the contract type includes -------------------------------------------------
    Case("labour-only contract, parts used", WEEKDAY, (contract(contract_type=T.PARTIAL_LABOUR),),
         PARTLY, (CA, R.PARTS_NOT_COVERED), "CT-0001", work=JOB,
         billable=(False, True, False, False), hours=("3", "0", "0")),
    Case("labour-only contract, no parts used", WEEKDAY,
         (contract(contract_type=T.PARTIAL_LABOUR),), COVERED, (CA, R.PARTS_NOT_COVERED),
         "CT-0001", work=ClosedWork(Decimal(2)), billable=NOTHING),
    Case("parts-only contract", WEEKDAY, (contract(contract_type=T.PARTIAL_PARTS),), PARTLY,
         (CA, R.LABOUR_NOT_COVERED, R.TRAVEL_NOT_COVERED), "CT-0001", work=JOB,
         billable=(True, False, True, False), hours=("0", "3", "0")),
    Case("helpdesk, remote work", WEEKDAY, (contract(contract_type=T.HELPDESK),), COVERED,
         (CA, R.PARTS_NOT_COVERED, R.TRAVEL_NOT_COVERED), "CT-0001", incident=I.SOFTWARE,
         work=REMOTE, billable=NOTHING),
    Case("helpdesk before the visit", WEEKDAY, (contract(contract_type=T.HELPDESK),), PARTLY,
         (CA, R.PARTS_NOT_COVERED, R.TRAVEL_NOT_COVERED), "CT-0001",
         billable=(False, True, True, False)),
    # --- covered hours, holidays, DST ----------------------------------------------------
    Case("evening outside 8x5", EVENING, (contract(),), PARTLY, (CA, OUT, SUR), "CT-0001",
         work=JOB, billable=(False, False, False, True), hours=("3", "0", "3")),
    Case("Saturday outside 8x5", SATURDAY, (contract(),), PARTLY, (CA, OUT, SUR), "CT-0001"),
    Case("Good Friday holiday", GOOD_FRIDAY, (contract(),), PARTLY,
         (CA, OUT, R.HOLIDAY, SUR), "CT-0001"),
    Case("8 December holiday", IMMACULATE, (contract(),), PARTLY, (CA, OUT, R.HOLIDAY, SUR),
         "CT-0001"),
    Case("8x5 closes at 18:00 sharp", "2026-03-10 18:00", (contract(),), PARTLY, (CA, OUT, SUR),
         "CT-0001"),
    Case("8x5 opens at 08:00 sharp", "2026-03-10 08:00", (contract(),), COVERED, (CA,), "CT-0001"),
    Case("out of hours: labour billable", EVENING,
         (contract(out_of_hours=OutOfHours.LABOUR_BILLABLE),), PARTLY,
         (CA, OUT, R.OUT_OF_HOURS_LABOUR_BILLABLE), "CT-0001", work=JOB,
         billable=(True, False, False, True), hours=("0", "3", "3")),
    Case("out of hours: nothing covered", EVENING, (contract(out_of_hours=OutOfHours.NOT_COVERED),),
         NOT, (CA, OUT, R.OUT_OF_HOURS_NOT_COVERED)),
    Case("reported at night, work done in hours", EVENING, (contract(),), COVERED, (CA,),
         "CT-0001", work=ClosedWork(Decimal(2), performed_at=at("2026-03-11 09:00"))),
    Case("reported in hours, work done at night", WEEKDAY, (contract(),), PARTLY, (CA, OUT, SUR),
         "CT-0001", work=ClosedWork(Decimal(2), performed_at=at("2026-03-10 22:00")),
         hours=("2", "0", "2")),
    Case("split schedule, lunch break", "2026-03-10 14:30",
         (contract(schedule="mon-fri 08:00-14:00,15:00-18:00"),), PARTLY, (CA, OUT, SUR),
         "CT-0001"),
    Case("split schedule, afternoon", "2026-03-10 15:30",
         (contract(schedule="mon-fri 08:00-14:00,15:00-18:00"),), COVERED, (CA,), "CT-0001"),
    Case("mon-sat 07:00-22:00 on Saturday night", "2026-03-14 21:30",
         (contract(schedule="mon-sat 07:00-22:00"),), COVERED, (CA,), "CT-0001"),
    Case("mon-sat 07:00-22:00 on Sunday", "2026-03-15 12:00",
         (contract(schedule="mon-sat 07:00-22:00"),), PARTLY, (CA, OUT, SUR), "CT-0001"),
    Case("24x7 schedule on Sunday night", SUNDAY_NIGHT, (contract(schedule="24x7"),), COVERED,
         (CA,), "CT-0001"),
    Case("24x7 schedule on a holiday", GOOD_FRIDAY, (contract(schedule="24x7"),), COVERED, (CA,),
         "CT-0001"),
    Case("onsite 24h covers Sunday night", SUNDAY_NIGHT,
         (contract(contract_type=T.ONSITE_24H),), COVERED, (CA, R.COVERED_24X7), "CT-0001"),
    Case("onsite 24h on a holiday", IMMACULATE, (contract(contract_type=T.ONSITE_24H),), COVERED,
         (CA, R.COVERED_24X7), "CT-0001"),
    Case("DST week: Monday 08:30 summer time is inside", "2026-03-30 08:30", (contract(),),
         COVERED, (CA,), "CT-0001"),
    Case("DST week: Monday 07:30 summer time is outside", "2026-03-30 07:30", (contract(),),
         PARTLY, (CA, OUT, SUR), "CT-0001"),
    Case("DST night under onsite 24h", "2026-03-29 03:30",
         (contract(contract_type=T.ONSITE_24H),), COVERED, (CA, R.COVERED_24X7), "CT-0001"),
    Case("autumn DST repeated hour under 24x7", "2026-10-25 02:30",
         (contract(schedule="24x7"),), COVERED, (CA,), "CT-0001"),
    # --- continuous service --------------------------------------------------------------
    Case("continuous service: misuse on Sunday night", SUNDAY_NIGHT,
         (contract(contract_type=T.CONTINUOUS_SERVICE, incident_types=frozenset()),), COVERED,
         (CA, R.CONTINUOUS_SERVICE), "CT-0001", incident=I.MISUSE, work=JOB, billable=NOTHING),
    Case("continuous service: conductive, allowance used", WEEKDAY,
         (contract(contract_type=T.CONTINUOUS_SERVICE, allowance=TEN_HOURS),), COVERED,
         (CA, R.CONTINUOUS_SERVICE), "CT-0001", incident=None, service=S.CONDUCTIVE,
         usage={"CT-0001": Usage(Decimal(50), 40)}),
    # --- allowance -----------------------------------------------------------------------
    Case("visits exhausted", WEEKDAY, (contract(allowance=TEN_HOURS),), PARTLY,
         (CA, R.VISITS_EXHAUSTED), "CT-0001", usage={"CT-0001": Usage(Decimal(4), 12)}, work=JOB,
         billable=(True, False, True, False), hours=("0", "3", "0")),
    Case("hours exhausted", WEEKDAY, (contract(allowance=TEN_HOURS),), PARTLY,
         (CA, R.HOURS_EXHAUSTED), "CT-0001", usage={"CT-0001": Usage(Decimal(10), 5)}, work=JOB,
         billable=(True, False, False, False), hours=("0", "3", "0")),
    Case("hours exhausted mid-job", WEEKDAY, (contract(allowance=TEN_HOURS),), PARTLY,
         (CA, R.HOURS_EXHAUSTED_MID_JOB), "CT-0001", usage={"CT-0001": Usage(Decimal("8.5"), 5)},
         work=JOB, billable=(True, False, False, False), hours=("1.5", "1.5", "0")),
    Case("allowance exactly enough", WEEKDAY, (contract(allowance=TEN_HOURS),), COVERED, (CA,),
         "CT-0001", usage={"CT-0001": Usage(Decimal(7), 5)}, work=JOB, hours=("3", "0", "0")),
    Case("allowance left, work not closed yet", WEEKDAY, (contract(allowance=TEN_HOURS),),
         COVERED, (CA,), "CT-0001", usage={"CT-0001": Usage(Decimal("9.5"), 11)}),
    Case("past the allowance nothing is covered", WEEKDAY,
         (contract(allowance=TEN_HOURS, past_allowance=PastAllowance.NOT_COVERED),), NOT,
         (CA, R.VISITS_EXHAUSTED, R.PAST_ALLOWANCE_NOT_COVERED),
         usage={"CT-0001": Usage(Decimal(1), 12)}),
    Case("mid-job at night: split and surcharge", EVENING, (contract(allowance=TEN_HOURS),),
         PARTLY, (CA, OUT, SUR, R.HOURS_EXHAUSTED_MID_JOB), "CT-0001",
         usage={"CT-0001": Usage(Decimal(9), 5)}, work=JOB, billable=(True, False, False, True),
         hours=("1", "2", "3")),
    # --- two sources on one machine: the more favourable applies -------------------------
    Case("labour-only and full maintenance", WEEKDAY,
         (contract("CT-0001", contract_type=T.PARTIAL_LABOUR), contract("CT-0002")), COVERED,
         (CA, R.MORE_FAVOURABLE), "CT-0002", work=JOB),
    Case("8x5 and onsite 24h at night", EVENING,
         (contract("CT-0001"), contract("CT-0002", contract_type=T.ONSITE_24H)), COVERED,
         (CA, R.COVERED_24X7, R.MORE_FAVOURABLE), "CT-0002"),
    Case("exhausted contract and fresh one", WEEKDAY,
         (contract("CT-0001", allowance=TEN_HOURS), contract("CT-0002", contract_type=T.RENTAL)),
         COVERED, (CA, R.MORE_FAVOURABLE), "CT-0002", usage={"CT-0001": Usage(Decimal(10), 3)}),
    Case("suspended full and active labour-only", WEEKDAY,
         (contract("CT-0001", state=ContractState.SUSPENDED),
          contract("CT-0002", contract_type=T.PARTIAL_LABOUR)), PARTLY, (CA, R.PARTS_NOT_COVERED),
         "CT-0002", work=JOB),
    Case("warranty preferred over a contract with allowance", WEEKDAY,
         (contract(allowance=TEN_HOURS),), COVERED, (R.WARRANTY_VALID, R.MORE_FAVOURABLE),
         "EQ-0002", equipment=NEW_MACHINE),
    Case("warranty at night, onsite 24h contract", EVENING,
         (contract(contract_type=T.ONSITE_24H),), COVERED,
         (CA, R.COVERED_24X7, R.MORE_FAVOURABLE), "CT-0001", equipment=NEW_MACHINE),
]


def test_there_are_at_least_45_cases_with_unique_names() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 45
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_decision(case: Case) -> None:
    decision = decide_coverage(
        case.equipment,
        incident_type=case.incident,
        moment=at(case.moment),
        service_type=case.service,
        contracts=case.contracts,
        usage=case.usage,
        work=case.work,
    )
    assert decision.outcome is case.outcome
    assert decision.reason_codes == case.codes
    assert (decision.applies.id if decision.applies else None) == case.applies
    if case.outcome is Outcome.NOT_COVERED:
        assert decision.sla is None
    else:
        assert decision.sla is not None and decision.sla.response_due > at(case.moment)
    flags = decision.billable
    if case.billable is not None:
        assert (flags.labour, flags.parts, flags.travel, flags.out_of_hours_surcharge) == (
            case.billable)
    if case.hours is not None:
        assert flags.hours is not None
        assert (flags.hours.covered, flags.hours.billable, flags.hours.surcharged) == tuple(
            Decimal(h) for h in case.hours)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_decision_reads_in_both_languages(case: Case) -> None:
    decision = decide_coverage(case.equipment, incident_type=case.incident,
                               moment=at(case.moment), service_type=case.service,
                               contracts=case.contracts, usage=case.usage, work=case.work)
    spanish, english = decision.explain("es"), decision.explain("en")
    assert len(spanish) == len(english) == len(decision.reasons)
    for es, en in zip(spanish, english, strict=True):
        assert es and en and es != en
        assert "{" not in es + en
