"""JSON of a stored coverage decision, with reasons in the reader's language and, when
something is billable, the price basis the customer consents to."""

from __future__ import annotations

from typing import Any

from backend.adapters.orm import CoverageRecord
from backend.domain.coverage import render_all
from backend.services.coverage.records import is_billable, reasons_of


def coverage_view(record: CoverageRecord, language: str,
                  basis: dict[str, Any] | None = None) -> dict[str, Any]:
    reasons = reasons_of(record)
    texts = render_all(reasons, language)
    billable = is_billable(record)
    return {
        "incident_id": record.incident_id,
        "stage": record.stage,
        "outcome": record.outcome,
        "applies": None if record.source_id is None else {
            "kind": record.source_kind, "id": record.source_id, "type": record.contract_type,
            "valid_from": record.valid_from.isoformat() if record.valid_from else None},
        "reasons": [{"code": r.code.value, "params": dict(r.params), "text": t}
                    for r, t in zip(reasons, texts, strict=True)],
        "billable": record.billable,
        "sla": None if record.response_due is None or record.resolution_due is None else {
            "priority": record.priority, "response_due": record.response_due.isoformat(),
            "resolution_due": record.resolution_due.isoformat()},
        "language": language,
        "consent": record.consent,
        "consent_required": billable and record.stage == "reported" and record.consent is None,
        "price_basis": basis if billable else None,
        "decided_at": record.decided_at.isoformat(),
    }
