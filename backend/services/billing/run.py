"""RunBilling: invoice every contract due in a period, once.

In one transaction: renewals due by the period's end become versions; each due contract is
priced by the version in force on its interval's first day, with usage tiers measured on the
previous interval (closed service orders: interventions or hours); the invoices (issued,
INV-00001…), their lines and their idempotency keys (`CT-0001/2026-11`) are inserted in
batches. A key already stored means billed: running a period again bills nothing twice.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from tqdm import tqdm

from backend.adapters.orm import (
    BillingDocumentRow,
    BillingKey,
    BillingLineRow,
    Counter,
    PriceListRow,
)
from backend.domain import billing as b
from backend.domain.billing.periods import MONTHS, add_months
from backend.services.billing.documents import document_values, format_number, line_values
from backend.services.billing.renewals import perform_renewals
from backend.services.billing.run_data import active_contracts, interval_usage, keys_done, languages
from backend.services.billing.views import amount
from backend.services.billing.wording import fee_text
from backend.services.contracts.terms import ContractData, contract_billing
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

BATCH = 2000
KEYS_FROM_INVOICES = insert(BillingKey).from_select(
    ["key", "period", "document_id", "created_at"],
    select(BillingDocumentRow.reference, BillingDocumentRow.period, BillingDocumentRow.id,
           BillingDocumentRow.created_at).where(
        BillingDocumentRow.id.in_(bindparam("ids", expanding=True))))
DueItem = tuple[ContractData, b.ContractBilling, tuple[Any, Any]]


def due_items(contracts: list[ContractData], period: b.Period, done: set[str],
              progress: bool) -> list[DueItem]:
    items = []
    for data in tqdm(contracts, desc=f"plan {period}", unit="contract", disable=not progress):
        if b.idempotency_key(data.id, period) in done:
            continue
        latest = contract_billing(data, data.versions[-1], renewal=False)
        interval = b.billing_interval(latest, period)
        if interval is not None:
            version = data.version_on(interval[0])
            priced = latest if version is data.versions[-1] else contract_billing(
                data, version, renewal=False)
            items.append((data, priced, interval))
    return items


async def tier_usage(uow: UnitOfWork, items: list[DueItem]) -> dict[str, Decimal]:
    wanted = []
    for _, cb, (first, _) in items:
        if cb.tiers:
            months = MONTHS[cb.frequency]
            wanted.append((cb.contract_id, add_months(first, -months),
                           first - timedelta(days=1), cb.tier_basis))
    return await interval_usage(uow.session, wanted) if wanted else {}


async def reserve(uow: UnitOfWork, counter: str, count: int) -> int:
    """The first of `count` consecutive numbers (one UPDATE … RETURNING)."""
    result = await uow.session.execute(update(Counter).where(Counter.name == counter).values(
        value=Counter.value + count).returning(Counter.value))
    return int(result.scalar_one()) - count + 1


def fee_line_text(item: DueItem, used: Decimal, language: str) -> str:
    """The fee line's description in the customer's language (the domain writes English)."""
    data, cb, (first, last) = item
    tier = b.tier_for(cb.tiers, used) if cb.tiers else None
    return fee_text(language, data.id, first, last, used, cb.tier_basis.value, tier)


async def store(uow: UnitOfWork, plan: b.BillingRun, items: dict[str, DueItem],
                usage: dict[str, Decimal], langs: dict[str, str], vat: Decimal,
                progress: bool) -> list[dict[str, Any]]:
    now, docs = uow.clock(), plan.documents
    first_number = await reserve(uow, "invoice", len(docs)) if docs else 0
    summary, connection = [], await uow.session.connection()
    bar = tqdm(total=len(docs), desc=f"invoice {plan.period}", unit="doc", disable=not progress)
    period, today = str(plan.period), now.date()
    for start in range(0, len(docs), BATCH):
        rows, lines, ids = [], [], []
        for offset, doc in enumerate(docs[start:start + BATCH], start=start):
            contract_id = doc.lines[0].reference
            language = langs.get(doc.customer, "es")
            text = fee_line_text(items[contract_id], usage.get(contract_id, Decimal(0)), language)
            doc_id, totals = format_number("INV", first_number + offset), doc.totals
            rows.append(document_values(doc_id, doc.issue(), language=language,
                                        issue_date=today, created_at=now, totals=totals,
                                        contract_id=contract_id, period=period))
            lines += [{**line_values(doc_id, i, ln), "description": text}
                      for i, ln in enumerate(doc.lines, start=1)]
            ids.append(doc_id)
            summary.append({"id": doc_id, "contract_id": contract_id, "customer": doc.customer,
                            **{k: amount(getattr(totals, k)) for k in ("net", "vat", "total")}})
        # Core executemany (no ORM bookkeeping); each invoice's key is its reference, copied
        # by the database
        await connection.execute(insert(BillingDocumentRow), rows)
        await connection.execute(insert(BillingLineRow), lines)
        await connection.execute(KEYS_FROM_INVOICES, {"ids": ids})
        bar.update(len(rows))
    bar.close()
    return summary


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was. A run keeps a
    few objects per contract alive until it ends, none of them in a cycle (reference
    counting frees them); the collector would walk all of them again each time the heap has
    grown by a quarter — about a fifth of a run's CPU (docs/performance.md)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def run_billing(uows: UnitOfWorkFactory, period_text: str, *, progress: bool = False,
                      vat_pct: Decimal | None = None) -> dict[str, Any]:
    period = b.Period.parse(period_text)
    with collector_paused():
        return await _run(uows, period, progress, vat_pct)


async def _run(uows: UnitOfWorkFactory, period: b.Period, progress: bool,
               vat_pct: Decimal | None) -> dict[str, Any]:
    async with uows() as uow:
        contracts = await active_contracts(uow.session, uow.clock())
        renewals, changed = await perform_renewals(uow, contracts, period)
        contracts = [changed.get(c.id, c) for c in contracts]
        done = await keys_done(uow.session, period)
        items = due_items(contracts, period, done, progress)
        usage = await tier_usage(uow, items)
        vat = vat_pct if vat_pct is not None else await _vat(uow)
        plan = b.plan_billing_run([cb for _, cb, _ in items], period, done, usage, vat)
        invoices = await store(uow, plan, {d.id: (d, cb, i) for d, cb, i in items}, usage,
                               await languages(uow.session), vat, progress)
        await uow.commit()
    total = sum((Decimal(i["total"]) for i in invoices), Decimal(0))
    return {"period": str(period), "invoices": invoices, "renewals": renewals,
            "already_billed": sum(1 for k in done if "/renewal/" not in k),
            "contracts": len(contracts), "total": amount(total)}


async def _vat(uow: UnitOfWork) -> Decimal:
    row = await uow.session.get(PriceListRow, "default")
    return Decimal(str(row.data.get("vat_default_pct", b.DEFAULT_VAT_PCT))) if row else \
        b.DEFAULT_VAT_PCT
