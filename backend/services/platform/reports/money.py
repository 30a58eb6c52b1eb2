"""Coverage and money: incidents covered, partly covered and not covered (the decision
taken when reported); delivery-note and contract-invoice totals by customer and month
(issued or exported documents, by issue date); the top customers by out-of-contract spend
(delivery notes); contracts whose end falls within 90 days after the period."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm import BillingDocumentRow, Contract, CoverageRecord, Incident
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import incident_scope, pieces, ratio, shared
from backend.services.platform.reports.summary import (
    Pieces,
    Summary,
    add,
    key,
    merge,
    piece,
    unkey,
)
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


async def _coverage(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    rows = (await uow.session.execute(pieces(
        select(CoverageRecord.outcome, func.count().label("n"))
        .join(Incident, Incident.id == CoverageRecord.incident_id)
        .where(*incident_scope(f), CoverageRecord.stage == "reported")
        .group_by(CoverageRecord.outcome), f, Incident.channel, Incident.id, "incident"))).all()
    for r in rows:
        add(piece(out, r), ("coverage", key(r.outcome)), r.n)


def cents(value: Any) -> int:
    return int(Decimal(money(value)) * 100)


async def _documents_by_day(uow: UnitOfWork, f: Filters, out: Pieces) -> None:
    """Documents, net and total (in cents) per customer, month and kind (no channel or
    queue narrows them)."""
    rows = (await uow.session.execute(shared(
        select(BillingDocumentRow.customer_code, BillingDocumentRow.kind,
               BillingDocumentRow.issue_date, func.count().label("n"),
               func.sum(BillingDocumentRow.net).label("net"),
               func.sum(BillingDocumentRow.total).label("total"))
        .where(*_documents(f))
        .group_by(BillingDocumentRow.customer_code, BillingDocumentRow.kind,
                  BillingDocumentRow.issue_date), f))).all()
    for r in rows:
        add(piece(out, r), ("documents", key(r.customer_code), r.issue_date.strftime("%Y-%m"),
                  key(r.kind)), [r.n, cents(r.net), cents(r.total)])


def _euros(cents: int) -> str:
    """Cents as `money` writes them (two decimals)."""
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _top(documents: dict[str, dict[str, dict[str, list[int]]]]) -> list[dict[str, Any]]:
    """The customers with the highest delivery-note totals (out-of-contract spend)."""
    spend: dict[str, list[int]] = {}
    for customer, months in documents.items():
        for kinds in months.values():
            if "delivery_note" in kinds:
                merge(spend, {customer: kinds["delivery_note"]})
    ranked = sorted(spend.items(), key=lambda kv: (-kv[1][2], kv[0]))[:TOP]
    return [{"customer": unkey(c), "delivery_notes": n, "total": _euros(total)}
            for c, (n, _, total) in ranked]


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


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    out: Pieces = {}
    await _coverage(uow, f, out)
    await _documents_by_day(uow, f, out)
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    """The report from its summary; the contracts due for renewal are read live."""
    counts = {unkey(k): n for k, n in summary.get("coverage", {}).items()}
    decided = sum(counts.values())
    documents = summary.get("documents", {})
    return {"coverage": {"decided": decided, "outcomes": counts,
                         "covered_share": ratio(counts.get("covered", 0), decided)},
            "documents": [
                {"customer": unkey(c), "month": m, "kind": unkey(k), "documents": n,
                 "net": _euros(net), "total": _euros(total)}
                for c, months in sorted(documents.items()) for m, kinds in sorted(months.items())
                for k, (n, net, total) in sorted(kinds.items())],
            "top_out_of_contract": _top(documents),
            "renewals_due": await _renewals(uow, f)}

