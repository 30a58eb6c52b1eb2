"""Exports for the ERP: issued documents as JSON, CSV or UBL 2.1 (one XML per document);
exporting moves them to `exported`. Single documents can also be read in any format
(JSON, CSV, UBL XML, PDF) without changing their state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from tqdm import tqdm

from backend.adapters.orm import BillingDocumentRow, PriceListRow
from backend.adapters.pdf import render_pdf
from backend.domain.billing import DocumentState
from backend.domain.errors import InvalidRequest
from backend.services.billing.company import company
from backend.services.billing.documents import full_view, get_document, move
from backend.services.billing.export_formats import to_csv, to_json
from backend.services.billing.export_ubl import to_ubl
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Rendered:
    content_type: str
    filename: str
    body: bytes


Render = Callable[[list[dict[str, Any]], dict[str, str]], bytes]
FORMATS: Mapping[str, tuple[str, str, Render]] = {
    "json": ("application/json", "json", lambda docs, _: to_json(docs).encode()),
    "csv": ("text/csv; charset=utf-8", "csv", lambda docs, _: to_csv(docs).encode()),
    "xml": ("application/xml", "xml", lambda docs, issuer: to_ubl(docs[0], issuer)),
    "pdf": ("application/pdf", "pdf", lambda docs, issuer: render_pdf(docs[0], issuer)),
}
ALIASES = {"ubl": "xml"}


async def _issuer(uow: UnitOfWork) -> dict[str, str]:
    row = await uow.session.get(PriceListRow, "default")
    return company(row.data if row else None)


def _format(name: str) -> str:
    fmt = ALIASES.get(name, name)
    if fmt not in FORMATS:
        raise InvalidRequest(f"unknown format {name!r}: json, csv, xml (ubl) or pdf",
                             field="format")
    return fmt


async def render_document(uows: UnitOfWorkFactory, name: str) -> Rendered:
    """`ALB-00001.pdf` (also .json, .csv, .xml): one document; no state change."""
    doc_id, _, suffix = name.partition(".")
    fmt = _format(suffix or "json")
    async with uows() as uow:
        view = await full_view(uow.session, await get_document(uow.session, doc_id))
        content_type, ext, render = FORMATS[fmt]
        return Rendered(content_type, f"{view['id']}.{ext}", render([view], await _issuer(uow)))


async def export_documents(uows: UnitOfWorkFactory, fmt_name: str, since: date | None = None,
                           *, progress: bool = False) -> dict[str, Rendered]:
    """Every issued document (issued on or after `since`) → exported; file name → content.
    JSON and CSV give one file; UBL one XML per document."""
    fmt = _format(fmt_name)
    if fmt == "pdf":
        raise InvalidRequest("export as json, csv or ubl; PDFs are read one by one",
                             field="format")
    async with uows() as uow:
        query = select(BillingDocumentRow).where(
            BillingDocumentRow.state == DocumentState.ISSUED.value).order_by(BillingDocumentRow.id)
        if since is not None:
            query = query.where(BillingDocumentRow.issue_date >= since)
        rows = list((await uow.session.execute(query)).scalars())
        views = [await full_view(uow.session, r) for r in tqdm(rows, desc="export", unit="doc",
                                                                 disable=not progress)]
        for row in rows:
            move(row, DocumentState.EXPORTED, uow.clock())
        for view in views:
            view["state"] = DocumentState.EXPORTED.value
        content_type, ext, render = FORMATS[fmt]
        issuer = await _issuer(uow)
        stamp = uow.clock().strftime("%Y%m%dT%H%M%S")
        files = ({f"{v['id']}.xml": Rendered(content_type, f"{v['id']}.xml", render([v], issuer))
                  for v in views} if fmt == "xml" else
                 {f"export-{stamp}.{ext}": Rendered(content_type, f"export-{stamp}.{ext}",
                                                    render(views, issuer))})
        await uow.commit()
        return files
