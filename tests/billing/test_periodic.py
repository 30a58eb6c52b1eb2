"""Periodic contract billing: due contracts, intervals, tiers, renewals, idempotency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from backend.domain.billing import (
    BillingFrequency,
    BillingTermsError,
    InvalidPeriod,
    Period,
    RenewalRule,
    TierBasis,
    UsageTier,
    billing_interval,
    due_contracts,
    idempotency_key,
    plan_billing_run,
    terms_until,
)
from backend.domain.coverage import ContractState
from tests.billing.factories import billing

D = Decimal
F = BillingFrequency

DUE_CASES = [
    ("quarterly, first month of a quarter", {}, "2026-04", ("2026-04-01", "2026-06-30")),
    ("quarterly, middle of a quarter", {}, "2026-05", None),
    ("monthly from the 15th", {"frequency": F.MONTHLY, "start": date(2025, 1, 15)}, "2026-03",
     ("2026-03-15", "2026-04-14")),
    ("semiannual from July", {"frequency": F.SEMIANNUAL, "start": date(2025, 7, 1)}, "2026-01",
     ("2026-01-01", "2026-06-30")),
    ("semiannual off month", {"frequency": F.SEMIANNUAL, "start": date(2025, 7, 1)}, "2026-04",
     None),
    ("annual anniversary", {"frequency": F.ANNUAL, "start": date(2025, 3, 1), "end": None},
     "2026-03",
     ("2026-03-01", "2027-02-28")),
    ("annual clipped at the end", {"frequency": F.ANNUAL, "start": date(2025, 3, 1)}, "2027-03",
     None),
    ("before the start", {}, "2024-10", None),
    ("first month of the contract", {}, "2025-01", ("2025-01-01", "2025-03-31")),
    ("interval clipped at the end", {"end": date(2026, 5, 31)}, "2026-04",
     ("2026-04-01", "2026-05-31")),
    ("after the end", {"end": date(2026, 5, 31)}, "2026-07", None),
    ("suspended", {"state": ContractState.SUSPENDED}, "2026-04", None),
    ("cancelled", {"state": ContractState.CANCELLED}, "2026-04", None),
    ("draft", {"state": ContractState.DRAFT}, "2026-04", None),
    ("expired", {"state": ContractState.EXPIRED}, "2026-04", None),
    ("month-end start, monthly", {"frequency": F.MONTHLY, "start": date(2026, 1, 31)}, "2026-02",
     ("2026-02-28", "2026-03-30")),
]


@pytest.mark.parametrize(("name", "changes", "period", "interval"), DUE_CASES,
                         ids=[c[0] for c in DUE_CASES])
def test_due_and_interval(name: str, changes: dict[str, object], period: str,
                          interval: tuple[str, str] | None) -> None:
    contract = billing(**changes)  # type: ignore[arg-type]
    found = billing_interval(contract, Period.parse(period))
    expected = None if interval is None else tuple(date.fromisoformat(d) for d in interval)
    assert found == expected
    assert (contract in due_contracts([contract], Period.parse(period))) is (interval is not None)


def test_period_parsing() -> None:
    assert str(Period.parse("2026-04")) == "2026-04"
    assert Period.parse("2026-02").last_day == date(2026, 2, 28)
    for bad in ("2026-13", "2026-4", "26-04", "april", "2026-00"):
        with pytest.raises(InvalidPeriod):
            Period.parse(bad)


def test_renewal_terms_compound_price_changes() -> None:
    terms = terms_until(date(2025, 1, 1), None, D("100.00"), RenewalRule(6, D("2.5")),
                        until=date(2026, 12, 31))
    assert [(t.start.isoformat(), t.end and t.end.isoformat(), str(t.price)) for t in terms] == [
        ("2025-01-01", "2025-06-30", "100.00"),
        ("2025-07-01", "2025-12-31", "102.50"),
        ("2026-01-01", "2026-06-30", "105.06"),
        ("2026-07-01", "2026-12-31", "107.69"),
    ]


def test_invoice_uses_the_price_of_the_renewed_term() -> None:
    contract = billing(renewal=RenewalRule(12, D("3.0")))
    run = plan_billing_run([contract], Period.parse("2026-04"))
    (invoice,) = run.documents
    assert invoice.reference == "CT-0001/2026-04" == idempotency_key("CT-0001", Period(2026, 4))
    assert invoice.totals.net == D("1493.50")
    assert invoice.totals.vat == D("313.64")
    assert invoice.lines[0].description == "Contract CT-0001, 2026-04-01 to 2026-06-30"


def test_renewal_is_reported_in_the_month_it_happens() -> None:
    contract = billing(renewal=RenewalRule(6, D("2.0")), frequency=F.MONTHLY)
    run = plan_billing_run([contract], Period.parse("2026-07"))
    assert [(r.term.index, r.term.start, r.term.price) for r in run.renewals] == [
        (3, date(2026, 7, 1), D("1538.75"))]  # 1450 × 1.02³
    assert run.renewals[0].key in run.keys
    assert plan_billing_run([contract], Period.parse("2026-08")).renewals == ()


TIERS = (UsageTier(D(2), D("300.00")), UsageTier(D(5), D("450.00")), UsageTier(None, D("600.00")))


@pytest.mark.parametrize(("used", "price"), [
    ("0", "300.00"), ("2", "300.00"), ("3", "450.00"), ("5", "450.00"), ("9", "600.00")])
def test_usage_tiers(used: str, price: str) -> None:
    contract = billing(tiers=TIERS, frequency=F.MONTHLY)
    run = plan_billing_run([contract], Period.parse("2025-03"), usage={"CT-0001": D(used)})
    assert run.documents[0].totals.net == D(price)
    assert f"{used} interventions" in run.documents[0].lines[0].description


def test_tiers_follow_the_renewal_price_change() -> None:
    contract = billing(tiers=TIERS, frequency=F.MONTHLY, tier_basis=TierBasis.HOURS,
                       renewal=RenewalRule(12, D("10")))
    run = plan_billing_run([contract], Period.parse("2026-03"), usage={"CT-0001": D("4.5")})
    assert run.documents[0].totals.net == D("495.00")


@pytest.mark.parametrize("tiers", [
    (UsageTier(D(2), D("1")),),
    (UsageTier(None, D("1")), UsageTier(D(2), D("1"))),
    (UsageTier(D(5), D("1")), UsageTier(D(2), D("1")), UsageTier(None, D("1"))),
])
def test_bad_tiers_are_refused(tiers: tuple[UsageTier, ...]) -> None:
    with pytest.raises(BillingTermsError):
        billing(tiers=tiers)


def test_a_repeated_run_bills_nothing_twice() -> None:
    contracts = [billing("CT-0001"), billing("CT-0002", frequency=F.MONTHLY),
                 billing("CT-0003", state=ContractState.SUSPENDED)]
    first = plan_billing_run(contracts, Period.parse("2026-04"))
    assert [d.reference for d in first.documents] == ["CT-0001/2026-04", "CT-0002/2026-04"]
    again = plan_billing_run(contracts, Period.parse("2026-04"), already_done=first.keys)
    assert again.documents == () and again.keys == frozenset()
    partly = plan_billing_run(contracts, Period.parse("2026-04"),
                              already_done={"CT-0001/2026-04"})
    assert [d.reference for d in partly.documents] == ["CT-0002/2026-04"]
