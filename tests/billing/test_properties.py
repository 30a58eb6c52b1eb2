"""Properties: totals are the sum of their lines, nothing is negative, a repeated run bills
nothing, renewals and billing intervals leave no gap and no overlap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.billing import (
    BillingFrequency,
    ContractBilling,
    DocumentLine,
    JobContext,
    LineKind,
    Period,
    RenewalRule,
    billing_interval,
    build_delivery_note,
    plan_billing_run,
    terms_until,
    totals,
)
from backend.domain.coverage import (
    Allowance,
    ClosedWork,
    ContractState,
    ContractType,
    IncidentType,
    PartUsed,
    ServiceType,
    Usage,
    decide_coverage,
)
from tests.billing.factories import PRICES, billing
from tests.coverage.factories import BARE_MACHINE, MADRID, contract

D = Decimal
FAST = settings(max_examples=60, deadline=None)


def decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=D(low), max_value=D(high), places=places,
                       allow_nan=False, allow_infinity=False)


lines = st.builds(
    DocumentLine,
    kind=st.sampled_from(LineKind),
    description=st.just("line"),
    quantity=decimals("0", "500", 3),
    unit_price=decimals("0", "9999.99", 4),
    vat_pct=st.sampled_from([D(0), D(4), D(10), D(21), D("21.5")]),
    covered=st.booleans(),
)


@FAST
@given(st.lists(lines, max_size=12))
def test_totals_are_the_sum_of_their_lines(items: list[DocumentLine]) -> None:
    result = totals(items)
    assert result.net == sum((line.net for line in items), D(0))
    assert result.vat == sum((line.vat for line in items), D(0))
    assert result.total == result.net + result.vat == sum((line.total for line in items), D(0))
    assert sum(result.vat_by_rate.values(), D(0)) == result.vat
    for amount in (result.net, result.vat, result.total, result.covered):
        assert amount >= 0 and amount.as_tuple().exponent == -2


works = st.builds(
    ClosedWork,
    labour_hours=decimals("0", "40", 2),
    parts=st.lists(st.builds(PartUsed, number=st.sampled_from(["FLT-100", "BRG-220"]),
                             quantity=decimals("1", "20", 0)), max_size=3).map(tuple),
    travel=st.booleans(),
)
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31),
                       timezones=st.just(MADRID))


@FAST
@given(work=works, moment=moments, kind=st.sampled_from(ContractType),
       used_hours=decimals("0", "50", 1), used_visits=st.integers(0, 15),
       category=st.sampled_from(["junior", "senior", "specialist"]),
       km=decimals("0", "300", 1))
def test_delivery_notes_are_never_negative_and_add_up(
    work: ClosedWork, moment: datetime, kind: ContractType, used_hours: Decimal,
    used_visits: int, category: str, km: Decimal,
) -> None:
    terms_contract = contract(contract_type=kind, allowance=Allowance(D(20), 10))
    decision = decide_coverage(BARE_MACHINE, incident_type=IncidentType.MECHANICAL,
                               moment=moment, service_type=ServiceType.CORRECTIVE,
                               contracts=[terms_contract], work=work,
                               usage={"CT-0001": Usage(used_hours, used_visits)})
    note = build_delivery_note(work, decision, PRICES, JobContext("INC-1", "C-1", category,
                                                                  "aragon", km))
    assert all(line.net >= 0 and line.vat >= 0 for line in note.lines)
    result = note.totals
    assert result.total == sum((line.total for line in note.lines), D(0)) >= 0
    split = decision.billable.hours
    assert split is not None and split.covered >= 0 and split.billable >= 0
    assert split.covered + split.billable == work.labour_hours


starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
rules = st.none() | st.builds(RenewalRule, every_months=st.integers(1, 24),
                              price_change_pct=decimals("-20", "20", 1))


@st.composite
def contract_billings(draw: st.DrawFn) -> ContractBilling:
    start = draw(starts)
    end = draw(st.none() | st.integers(0, 2000).map(lambda n: start + timedelta(days=n)))
    return billing("CT-0001", start=start, end=end, state=draw(st.sampled_from(ContractState)),
                   frequency=draw(st.sampled_from(BillingFrequency)),
                   price=draw(decimals("0", "5000")), renewal=draw(rules))


periods = st.builds(Period, year=st.integers(2019, 2030), month=st.integers(1, 12))


@FAST
@given(st.lists(contract_billings(), max_size=6), periods)
def test_a_repeated_run_adds_nothing(contracts: list[ContractBilling], period: Period) -> None:
    contracts = [replace(c, contract_id=f"CT-{i:04d}") for i, c in enumerate(contracts)]
    first = plan_billing_run(contracts, period)
    again = plan_billing_run(contracts, period, already_done=first.keys)
    assert again.documents == () and again.renewals == () and again.keys == frozenset()
    assert all(doc.totals.total >= 0 for doc in first.documents)
    assert len({doc.reference for doc in first.documents}) == len(first.documents)


@FAST
@given(start=starts, end=st.none() | st.integers(0, 3000), rule=rules,
       price=decimals("0", "5000"), horizon=st.integers(0, 4000))
def test_renewals_never_leave_a_gap_or_overlap(
    start: date, end: int | None, rule: RenewalRule | None, price: Decimal, horizon: int,
) -> None:
    last_day = None if end is None else start + timedelta(days=end)
    until = start + timedelta(days=horizon)
    terms = terms_until(start, last_day, price, rule, until)
    assert terms[0].start == start and terms[0].index == 0
    for earlier, later in pairwise(terms):
        assert earlier.end is not None and later.start == earlier.end + timedelta(days=1)
        assert later.index == earlier.index + 1
    assert all(t.price >= 0 and (t.end is None or t.end >= t.start) for t in terms)
    covered_to = terms[-1].end
    if last_day is not None:
        assert covered_to is not None and covered_to <= last_day
        if until >= last_day:
            assert covered_to == last_day
    if covered_to is not None:
        assert covered_to >= min(until, last_day or until)


@FAST
@given(contract_billings())
def test_billing_intervals_tile_the_contract(contract: ContractBilling) -> None:
    active = billing(start=contract.start, end=contract.end, frequency=contract.frequency)
    period = Period.of(active.start)
    intervals = []
    for _ in range(48):
        interval = billing_interval(active, period)
        if interval is not None:
            intervals.append(interval)
        period = Period.of(period.last_day + timedelta(days=1))
    assert intervals and intervals[0][0] == active.start
    for (_, last), (first, _) in pairwise(intervals):
        assert first == last + timedelta(days=1)
