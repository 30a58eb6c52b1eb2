"""JSON of a billing document (the export format too): amounts as strings with two decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend.adapters.orm import BillingDocumentRow, BillingLineRow, Customer
from backend.domain.billing import to_cents


def amount(value: Decimal) -> str:
    return str(to_cents(Decimal(value)))


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def line_json(line: BillingLineRow) -> dict[str, Any]:
    return {"position": line.position, "kind": line.kind, "description": line.description,
            "reference": line.reference, "quantity": str(Decimal(line.quantity).normalize()),
            "unit_price": amount(line.unit_price), "vat_pct": amount(line.vat_pct),
            "covered": line.covered, "net": amount(line.net), "vat": amount(line.vat),
            "total": amount(line.total)}


def vat_breakdown(lines: list[BillingLineRow]) -> dict[str, dict[str, str]]:
    rates: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        if not line.covered:
            base, vat = rates.get(amount(line.vat_pct), (Decimal(0), Decimal(0)))
            rates[amount(line.vat_pct)] = (base + line.net, vat + line.vat)
    return {rate: {"base": amount(base), "vat": amount(vat)} for rate, (base, vat) in rates.items()}


def document_json(row: BillingDocumentRow, lines: list[BillingLineRow],
                  customer: Customer | None,
                  annex: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """``annex``: the technicians' photos of the job (services/dispatch/job_photos.py)."""
    site = customer.sites[0] if customer is not None and customer.sites else None
    return {
        "id": row.id, "kind": row.kind, "state": row.state, "reference": row.reference,
        "customer": {"code": row.customer_code, "name": customer.name if customer else None,
                     "tax_id": customer.tax_id if customer else None,
                     "address": site.address if site else None,
                     "city": site.city if site else None},
        "incident_id": row.incident_id, "service_order_id": row.service_order_id,
        "contract_id": row.contract_id, "period": row.period, "language": row.language,
        "currency": row.currency, "issue_date": row.issue_date.isoformat(),
        "created_at": _iso(row.created_at), "issued_at": _iso(row.issued_at),
        "exported_at": _iso(row.exported_at),
        "lines": [line_json(line) for line in lines],
        "totals": {"net": amount(row.net), "vat": amount(row.vat), "total": amount(row.total),
                   "covered": amount(row.covered), "vat_by_rate": vat_breakdown(lines)},
        "annex": annex or [],
    }


def summary_view(row: BillingDocumentRow) -> dict[str, Any]:
    return {"id": row.id, "kind": row.kind, "state": row.state, "customer_code": row.customer_code,
            "reference": row.reference, "period": row.period, "total": amount(row.total),
            "currency": row.currency, "issue_date": row.issue_date.isoformat()}
