"""Billing documents in the database: store one from the domain, read, list, issue."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.counters import next_number
from backend.adapters.orm import BillingDocumentRow, BillingLineRow, Customer
from backend.adapters.repositories import get_customer, get_row
from backend.domain.billing import (
    BillingDocument,
    DocumentLine,
    DocumentState,
    Totals,
    transition,
)
from backend.domain.errors import NotFound
from backend.services.billing.views import document_json, summary_view
from backend.services.dispatch.job_photos import annex_of
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

PREFIX = {"delivery_note": ("delivery_note", "ALB"), "contract_invoice": ("invoice", "INV")}


def format_number(prefix: str, number: int) -> str:
    return f"{prefix}-{number:05d}"


async def new_id(uow: UnitOfWork, kind: str) -> str:
    counter, prefix = PREFIX[kind]
    return format_number(prefix, await next_number(uow.session, counter))


def line_values(document_id: str, position: int, line: DocumentLine) -> dict[str, Any]:
    return {"document_id": document_id, "position": position, "kind": line.kind.value,
            "description": line.description, "reference": line.reference,
            "quantity": line.quantity, "unit_price": line.unit_price, "vat_pct": line.vat_pct,
            "covered": line.covered, "net": line.net, "vat": line.vat, "total": line.total}


def document_values(doc_id: str, doc: BillingDocument, *, language: str, issue_date: date,
                    created_at: Any, totals: Totals | None = None, **links: Any
                    ) -> dict[str, Any]:
    """`totals`: the document's, when the caller already summed them."""
    t = doc.totals if totals is None else totals
    return {"id": doc_id, "kind": doc.kind.value, "state": doc.state.value,
            "customer_code": doc.customer, "reference": doc.reference, "language": language,
            "currency": doc.currency, "net": t.net, "vat": t.vat, "total": t.total,
            "covered": t.covered, "issue_date": issue_date, "created_at": created_at,
            "issued_at": created_at if doc.state is DocumentState.ISSUED else None,
            "incident_id": None, "service_order_id": None, "contract_id": None, "period": None,
            **links}


async def add_document(uow: UnitOfWork, doc: BillingDocument, *, language: str,
                       **links: Any) -> BillingDocumentRow:
    doc_id = await new_id(uow, doc.kind.value)
    now = uow.clock()
    row = BillingDocumentRow(**document_values(doc_id, doc, language=language,
                                               issue_date=now.date(), created_at=now, **links))
    uow.session.add(row)
    uow.session.add_all(BillingLineRow(**line_values(doc_id, i, line))
                        for i, line in enumerate(doc.lines, start=1))
    await uow.flush()
    return row


async def get_document(session: AsyncSession, raw_id: str) -> BillingDocumentRow:
    return await get_row(session, BillingDocumentRow, raw_id.strip().upper(), "document", raw_id)


async def lines_of(session: AsyncSession, doc_id: str) -> list[BillingLineRow]:
    result = await session.execute(select(BillingLineRow).where(
        BillingLineRow.document_id == doc_id).order_by(BillingLineRow.position))
    return list(result.scalars())


async def customer_of(session: AsyncSession, code: str) -> Customer:
    found = await get_customer(session, code)
    if found is None:
        raise NotFound(f"customer {code} not found", id=code)
    return found


def move(row: BillingDocumentRow, target: DocumentState, now: Any) -> None:
    row.state = transition(DocumentState(row.state), target).value
    if target is DocumentState.ISSUED:
        row.issued_at, row.issue_date = now, now.date()
    elif target is DocumentState.EXPORTED:
        row.exported_at = now


async def issue_document(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        row = await get_document(uow.session, raw_id)
        move(row, DocumentState.ISSUED, uow.clock())
        await uow.commit()
        return await full_view(uow.session, row)


async def full_view(session: AsyncSession, row: BillingDocumentRow) -> dict[str, Any]:
    return document_json(row, await lines_of(session, row.id),
                         await customer_of(session, row.customer_code),
                         annex=await annex_of(session, row.incident_id))


async def list_documents(uows: UnitOfWorkFactory, filters: dict[str, str | None]
                         ) -> dict[str, Any]:
    """Documents by id, filtered by any of ``state``, ``kind``, ``period`` (empty: all)."""
    async with uows() as uow:
        query = select(BillingDocumentRow).order_by(BillingDocumentRow.id)
        for name in ("state", "kind", "period"):
            if filters.get(name):
                query = query.where(getattr(BillingDocumentRow, name) == filters[name])
        rows = (await uow.session.execute(query)).scalars()
        return {"documents": [summary_view(r) for r in rows]}


async def show_document(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        return await full_view(uow.session, await get_document(uow.session, raw_id))
