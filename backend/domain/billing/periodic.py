"""Periodic contract billing: which contracts are due in a period, at what price, exactly once.

A contract is billed in advance at the start of each billing interval: it is due in period
P when it is active, in force during P, and P is a whole number of intervals after the
month of its start. The interval runs from `start + k × months` to the day before the next
one (clipped at the contract's end). The price is that of the renewal term in force on the
interval's first day; with usage tiers, the tier matching the usage the caller measured for
the interval. Each invoice carries the idempotency key `CT-0001/2026-04`: given the keys
already billed, a repeated run bills nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from backend.domain.billing.contract_billing import ContractBilling
from backend.domain.billing.document import BillingDocument, DocumentKind
from backend.domain.billing.lines import DocumentLine, LineKind
from backend.domain.billing.periods import MONTHS, Period, add_months
from backend.domain.billing.price_list import DEFAULT_VAT_PCT
from backend.domain.billing.renewals import Term


@dataclass(frozen=True)
class Renewal:
    contract_id: str
    term: Term

    @property
    def key(self) -> str:
        return f"{self.contract_id}/renewal/{self.term.start.isoformat()}"


@dataclass(frozen=True)
class BillingRun:
    period: Period
    documents: tuple[BillingDocument, ...]
    renewals: tuple[Renewal, ...]
    keys: frozenset[str]  # every key this run produced; store them with the documents


def idempotency_key(contract_id: str, period: Period) -> str:
    return f"{contract_id}/{period}"


def billing_interval(contract: ContractBilling, period: Period) -> tuple[date, date] | None:
    """The interval billed in `period`, or None when the contract is not due then."""
    months = MONTHS[contract.frequency]
    elapsed = period.months_since(contract.start)
    if not contract.billable or elapsed < 0 or elapsed % months:
        return None
    first = add_months(contract.start, elapsed)
    last = add_months(contract.start, elapsed + months) - timedelta(days=1)
    if contract.end is not None:
        if first > contract.end:
            return None
        last = min(last, contract.end)
    return first, last


def due_contracts(
    contracts: Iterable[ContractBilling], period: Period
) -> tuple[ContractBilling, ...]:
    return tuple(c for c in contracts if billing_interval(c, period) is not None)


def plan_billing_run(
    contracts: Iterable[ContractBilling],
    period: Period,
    already_done: AbstractSet[str] = frozenset(),
    usage: Mapping[str, Decimal] | None = None,
    vat_pct: Decimal = DEFAULT_VAT_PCT,
) -> BillingRun:
    """Invoices and renewals of `period` not yet in `already_done` (pure)."""
    documents: list[BillingDocument] = []
    renewals: list[Renewal] = []
    for contract in sorted(contracts, key=lambda c: c.contract_id):
        renewals += [r for r in _renewals_in(contract, period) if r.key not in already_done]
        interval = billing_interval(contract, period)
        key = idempotency_key(contract.contract_id, period)
        if interval is None or key in already_done:
            continue
        used = (usage or {}).get(contract.contract_id, Decimal(0))
        documents.append(_invoice(contract, key, interval, used, vat_pct))
    keys = frozenset(d.reference for d in documents) | {r.key for r in renewals}
    return BillingRun(period, tuple(documents), tuple(renewals), keys)


def _renewals_in(contract: ContractBilling, period: Period) -> list[Renewal]:
    if contract.renewal is None or not contract.billable:
        return []
    term = contract.term_on(period.last_day)  # renewals are at least a month apart
    if term is None or term.index == 0 or not period.contains(term.start):
        return []
    return [Renewal(contract.contract_id, term)]


def _invoice(
    contract: ContractBilling, key: str, interval: tuple[date, date], used: Decimal,
    vat_pct: Decimal,
) -> BillingDocument:
    first, last = interval
    term = contract.term_on(first)
    assert term is not None  # the interval starts inside the contract
    price, label = contract.price_for(term, used)
    text = f"Contract {contract.contract_id}, {first.isoformat()} to {last.isoformat()}{label}"
    line = DocumentLine(LineKind.CONTRACT_FEE, text, Decimal(1), price, vat_pct,
                        reference=contract.contract_id)
    return BillingDocument(DocumentKind.CONTRACT_INVOICE, key, contract.customer, (line,))

