"""JSON shapes of contracts and their versions."""

from __future__ import annotations

from typing import Any

from backend.adapters.orm import Contract, ContractVersion


def version_view(v: ContractVersion) -> dict[str, Any]:
    return {"number": v.number, "kind": v.kind, "valid_from": v.valid_from.isoformat(),
            "valid_to": v.valid_to.isoformat() if v.valid_to else None, "note": v.note,
            "terms": v.terms}


def contract_view(row: Contract, versions: list[ContractVersion] | None = None) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": row.id, "customer_code": row.customer_code, "type": row.type,
        "state": row.state, "equipment": row.equipment_ids, "start": row.start.isoformat(),
        "end": row.end.isoformat() if row.end else None, "price": str(row.price),
        "billing": row.billing, "renewal": row.renewal, "allowance": row.allowance,
        "incident_types": row.incident_types, "covered_hours": row.covered_hours,
        "response_hours": row.response_hours, "resolution_hours": row.resolution_hours,
        "clauses": row.clauses,
    }
    if versions is not None:
        view["versions"] = [version_view(v) for v in versions]
    return view
