"""Coverage and money: incidents covered, partly covered and not covered (the decision
taken when reported); delivery-note and contract-invoice totals by customer and month
(issued or exported documents, by issue date); the top customers by out-of-contract spend
(delivery notes); contracts whose end falls within 90 days after the period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import BigInteger, cast, func, select

from backend.adapters.orm import BillingDocumentRow, Contract, CoverageRecord, Incident
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import (
    code_order,
    incident_scope,
    month_bucket,
    pieces,
    ratio,
)
from backend.services.platform.reports.summary import Pieces, Summary, add, key, piece, unkey
from backend.services.platform.uow import UnitOfWork

ISSUED = ("issued", "exported")
RENEWAL_WINDOW = timedelta(days=90)
TOP = 10
# the documents table holds at most ROWS rows (a year of 2,000 customers has 35,000), as the
# incident lists (drill.py); a customer's are far fewer, and the CSV export has every row
ROWS = 500


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


def _cents(column: Any) -> Any:
    """The sum of a money column in whole cents, exact on both engines (SQLite keeps NUMERIC
    with decimals as a float: each amount is rounded to its cents before the sum)."""
    return cast(func.sum(cast(func.round(column * 100), BigInteger)), BigInteger)


Documents = list[tuple[str, str, str, int, int, int]]  # customer, month, kind, n, net, total


async def _documents_by_month(uow: UnitOfWork, f: Filters) -> tuple[Documents, bool]:
    """Issued documents per customer, month of issue and kind: how many, net and total in
    cents, summed in SQL, in order of customer code, month and kind; the first ROWS of them
    unless `f.every_row`, and whether there were more. No channel or queue narrows them, so
    they are read live rather than rolled up per scope."""
    d = BillingDocumentRow
    month = month_bucket(uow.session, d.issue_date)
    query = (select(d.customer_code, month, d.kind, func.count(), _cents(d.net),
                    _cents(d.total))
             .where(*_documents(f)).group_by(d.customer_code, month, d.kind)
             .order_by(code_order(uow.session, d.customer_code), month, d.kind))
    if not f.every_row:
        query = query.limit(ROWS + 1)
    rows = list((await (await uow.session.connection()).execute(query)).tuples())
    return (rows, False) if f.every_row else (rows[:ROWS], len(rows) > ROWS)


def _euros(cents: int) -> str:
    """Cents as text with two decimals (exact: a float holds cents / 100 to well within half
    a cent below 2**53 cents)."""
    return f"{cents / 100:.2f}"


async def _top(uow: UnitOfWork, f: Filters) -> list[dict[str, Any]]:
    """The customers with the highest delivery-note totals (out-of-contract spend)."""
    d = BillingDocumentRow
    spend = (await (await uow.session.connection()).execute(
        select(d.customer_code, func.count(), _cents(d.total))
        .where(*_documents(f), d.kind == "delivery_note").group_by(d.customer_code))).tuples()
    ranked = sorted(spend, key=lambda r: (-r[2], r[0]))[:TOP]
    return [{"customer": c, "delivery_notes": n, "total": _euros(total)}
            for c, n, total in ranked]


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
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    """The report from its summary; the documents and the contracts due for renewal are
    read live."""
    counts = {unkey(k): n for k, n in summary.get("coverage", {}).items()}
    decided = sum(counts.values())
    documents, truncated = await _documents_by_month(uow, f)
    return {"coverage": {"decided": decided, "outcomes": counts,
                         "covered_share": ratio(counts.get("covered", 0), decided)},
            "documents": [
                {"customer": c, "month": m, "kind": k, "documents": n, "net": _euros(net),
                 "total": _euros(total)} for c, m, k, n, net, total in documents],
            "documents_truncated": truncated,
            "top_out_of_contract": await _top(uow, f),
            "renewals_due": await _renewals(uow, f)}
