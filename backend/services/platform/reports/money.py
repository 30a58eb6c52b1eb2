"""Coverage and money: incidents covered, partly covered and not covered (the decision
taken when reported); delivery-note and contract-invoice totals by customer and month
(issued or exported documents, by issue date); the top customers by out-of-contract spend
(delivery notes); contracts whose end falls within 90 days after the period."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm import BillingDocumentRow, Contract, CoverageRecord, Incident
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import incident_scope, ratio
from backend.services.platform.uow import UnitOfWork

ISSUED = ("issued", "exported")
RENEWAL_WINDOW = timedelta(days=90)
TOP = 10


def money(value: Any) -> str:
    """A sum of money as text with two decimals (SQLite sums NUMERIC as a float)."""
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def _documents(f: Filters) -> list[Any]:
    where = [BillingDocumentRow.state.in_(ISSUED), BillingDocumentRow.issue_date >= f.start,
             BillingDocumentRow.issue_date <= f.end]
    if f.customer:
        where.append(BillingDocumentRow.customer_code == f.customer)
    return where


async def _coverage(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    rows = (await uow.session.execute(
        select(CoverageRecord.outcome, func.count().label("n"))
        .join(Incident, Incident.id == CoverageRecord.incident_id)
        .where(*incident_scope(f), CoverageRecord.stage == "reported")
        .group_by(CoverageRecord.outcome))).all()
    counts = {r.outcome: r.n for r in rows}
    total = sum(counts.values())
    return {"decided": total, "outcomes": counts,
            "covered_share": ratio(counts.get("covered", 0), total)}


async def _totals(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    rows = (await uow.session.execute(
        select(BillingDocumentRow.customer_code, BillingDocumentRow.kind,
               BillingDocumentRow.issue_date, func.count().label("n"),
               func.sum(BillingDocumentRow.net).label("net"),
               func.sum(BillingDocumentRow.total).label("total"))
        .where(*_documents(f))
        .group_by(BillingDocumentRow.customer_code, BillingDocumentRow.kind,
                  BillingDocumentRow.issue_date))).all()
    months: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [0, Decimal(0),
                                                                         Decimal(0)])
    for r in rows:
        cell = months[(r.customer_code, r.issue_date.strftime("%Y-%m"), r.kind)]
        cell[0] += r.n
        cell[1] += Decimal(money(r.net))
        cell[2] += Decimal(money(r.total))
    return [{"customer": c, "month": m, "kind": k, "documents": n,
             "net": money(net), "total": money(total)}
            for (c, m, k), (n, net, total) in sorted(months.items())]


async def _top(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    spend = func.sum(BillingDocumentRow.total)
    rows = (await uow.session.execute(
        select(BillingDocumentRow.customer_code, spend.label("total"),
               func.count().label("n"))
        .where(*_documents(f), BillingDocumentRow.kind == "delivery_note")
        .group_by(BillingDocumentRow.customer_code)
        .order_by(spend.desc(), BillingDocumentRow.customer_code).limit(TOP))).all()
    return [{"customer": r.customer_code, "delivery_notes": r.n,
             "total": money(r.total)} for r in rows]


async def _renewals(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    where = [Contract.state == "active", Contract.end.is_not(None), Contract.end >= f.start,
             Contract.end <= f.end + RENEWAL_WINDOW]
    if f.customer:
        where.append(Contract.customer_code == f.customer)
    rows = (await uow.session.execute(
        select(Contract.id, Contract.customer_code, Contract.type, Contract.end,
               Contract.renewal).where(*where).order_by(Contract.end, Contract.id))).all()
    return [{"contract": r.id, "customer": r.customer_code, "type": r.type,
             "end": r.end.isoformat(), "renews": bool(r.renewal)} for r in rows]


async def money_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    return {"coverage": await _coverage(uow, f), "documents": await _totals(uow, f),
            "top_out_of_contract": await _top(uow, f), "renewals_due": await _renewals(uow, f)}
