"""Delivery-note lines and totals, built from closed work and its coverage decision."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from backend.domain.billing import (
    JobContext,
    LineKind,
    UnknownCategory,
    UnknownPart,
    UnknownZone,
    build_delivery_note,
)
from backend.domain.coverage import (
    Allowance,
    ClosedWork,
    Contract,
    ContractType,
    CoverageDecision,
    IncidentType,
    PartUsed,
    Usage,
    decide_coverage,
)
from tests.billing.factories import PRICES
from tests.coverage.factories import BARE_MACHINE, at, contract

D = Decimal
JOB = ClosedWork(D("3"), parts=(PartUsed("FLT-100", D(2)),))


def decide(moment: str, contracts: tuple[Contract, ...], work: ClosedWork,
           usage: dict[str, Usage] | None = None) -> CoverageDecision:
    return decide_coverage(BARE_MACHINE, incident_type=IncidentType.MECHANICAL, moment=at(moment),
                           contracts=contracts, work=work, usage=usage)


def job(category: str = "senior", zone: str = "aragon", km: str = "30") -> JobContext:
    return JobContext("INC-00457", "C-1001", category, zone, D(km))


@dataclass(frozen=True)
class NoteCase:
    name: str
    decision: CoverageDecision
    work: ClosedWork
    job: JobContext
    billed: tuple[tuple[LineKind, str], ...]   # (kind, net) of billed lines, in order
    net: str
    vat: str
    total: str
    covered: str


NOTE_CASES = [
    NoteCase("labour-only contract: parts billed",
             decide("2026-03-10 10:00",
                    (contract(contract_type=ContractType.PARTIAL_LABOUR),), JOB),
             JOB, job(), ((LineKind.PART, "37.50"),), "37.50", "7.88", "45.38", "195.10"),
    NoteCase("parts-only contract: labour and travel billed",
             decide("2026-03-10 10:00", (contract(contract_type=ContractType.PARTIAL_PARTS),), JOB),
             JOB, job(), ((LineKind.LABOUR, "157.50"), (LineKind.TRAVEL, "37.60")),
             "195.10", "40.98", "236.08", "37.50"),
    NoteCase("full maintenance in the evening: surcharge only",
             decide("2026-03-10 20:00", (contract(),), JOB), JOB, job(),
             ((LineKind.SURCHARGE, "78.75"),), "78.75", "16.54", "95.29", "232.60"),
    NoteCase("allowance runs out mid-job at night",
             decide("2026-03-10 20:00", (contract(allowance=Allowance(hours=D(10))),), JOB,
                    {"CT-0001": Usage(D(9), 2)}),
             JOB, job("junior"), ((LineKind.LABOUR, "76.00"), (LineKind.SURCHARGE, "57.00")),
             "133.00", "27.93", "160.93", "113.10"),
    NoteCase("not covered at all, reduced VAT on a part",
             decide("2026-03-10 10:00", (), ClosedWork(D("1.25"), (PartUsed("BRG-220"),))),
             ClosedWork(D("1.25"), (PartUsed("BRG-220"),)), job("specialist", "madrid", "12.4"),
             ((LineKind.LABOUR, "85.00"), (LineKind.TRAVEL, "36.20"), (LineKind.PART, "64.30")),
             "185.50", "31.88", "217.38", "0.00"),
    NoteCase("fully covered: nothing billed",
             decide("2026-03-10 10:00", (contract(),), JOB), JOB, job(), (),
             "0.00", "0.00", "0.00", "232.60"),
]


@pytest.mark.parametrize("case", NOTE_CASES, ids=[c.name for c in NOTE_CASES])
def test_delivery_note(case: NoteCase) -> None:
    note = build_delivery_note(case.work, case.decision, PRICES, case.job)
    billed = tuple((line.kind, str(line.net)) for line in note.lines if not line.covered)
    assert billed == case.billed
    totals = note.totals
    assert (str(totals.net), str(totals.vat), str(totals.total), str(totals.covered)) == (
        case.net, case.vat, case.total, case.covered)
    assert all(line.net == 0 and line.vat == 0 for line in note.lines if line.covered)
    assert note.billable is (totals.total > 0)
    assert note.reference == "INC-00457" and note.state.value == "draft"


def test_vat_breakdown_per_rate() -> None:
    case = NOTE_CASES[4]
    totals = build_delivery_note(case.work, case.decision, PRICES, case.job).totals
    assert totals.vat_by_rate == {D("21"): D("25.45"), D("10"): D("6.43")}


def test_document_vat_rate_is_configurable() -> None:
    case = NOTE_CASES[1]
    note = build_delivery_note(case.work, case.decision, PRICES, case.job, vat_pct=D("10"))
    assert note.totals.vat == D("19.51")  # 15.75 + 3.76
    assert {line.vat_pct for line in note.lines} == {D("10")}


def test_decision_taken_before_the_work_is_priced_by_its_flags() -> None:
    decision = decide_coverage(BARE_MACHINE, incident_type=IncidentType.MECHANICAL,
                               moment=at("2026-03-10 20:00"), contracts=[contract()])
    assert decision.billable.hours is None
    note = build_delivery_note(JOB, decision, PRICES, job())
    assert [(line.kind, line.net) for line in note.lines if not line.covered] == [
        (LineKind.SURCHARGE, D("78.75"))]


def test_remote_work_has_no_travel_line() -> None:
    remote = ClosedWork(D(1), travel=False)
    note = build_delivery_note(remote, decide("2026-03-10 10:00", (), remote), PRICES, job())
    assert [line.kind for line in note.lines] == [LineKind.LABOUR]


@pytest.mark.parametrize(("work", "context", "error"), [
    (JOB, job(category="apprentice"), UnknownCategory),
    (JOB, job(zone="galicia"), UnknownZone),
    (ClosedWork(D(1), (PartUsed("XXX-000"),)), job(), UnknownPart),
])
def test_missing_prices_raise(work: ClosedWork, context: JobContext,
                              error: type[Exception]) -> None:
    with pytest.raises(error):
        build_delivery_note(work, decide("2026-03-10 10:00", (), work), PRICES, context)


def test_travel_zones_any_spelling_and_a_default_for_the_rest() -> None:
    """Zones are free-form names (one spelling: "Aragón" = aragon); travel.default prices a
    site whose zone has no rate of its own, so no visit is left without a travel price."""
    from dataclasses import replace

    from backend.domain.billing import PriceList, TravelRate

    def travel(prices: PriceList, zone: str) -> list[str]:
        note = build_delivery_note(JOB, decide("2026-03-10 10:00", (), JOB), prices, job(zone=zone))
        return [str(line.unit_price) for line in note.lines if line.kind == LineKind.TRAVEL]

    assert travel(PRICES, "Aragón") == travel(PRICES, "aragon") == ["37.60"]
    with pytest.raises(UnknownZone):
        travel(PRICES, "Galicia")
    anywhere = replace(PRICES, travel={**PRICES.travel, "default": TravelRate(D("40"), D("0.5"))})
    assert travel(anywhere, "Galicia") == travel(anywhere, "") == ["55.00"]
    assert travel(anywhere, "madrid") == ["45.00"]
    assert anywhere.travel_zone("Galicia") == "default" and PRICES.travel_zone("Galicia") is None

