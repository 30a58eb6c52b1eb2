"""Service orders (agents), billing runs, documents and exports (admin)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from backend.api import schemas_billing as s
from backend.api.routes_contracts import day
from backend.api.routing import Call, Route
from backend.domain.errors import InvalidRequest
from backend.services.billing import documents as billing_documents
from backend.services.billing import exports
from backend.services.billing import run as billing_run
from backend.services.contracts.terms import dec
from backend.services.dispatch import service_orders
from backend.services.dispatch.close_order import CloseServiceOrder, PartLine, close_order

ADMIN = frozenset({"admin"})
AGENTS = frozenset({"agents"})


def moment(value: str, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InvalidRequest(f"{name} must be an ISO date-time", field=name) from exc
    if parsed.tzinfo is None:
        raise InvalidRequest(f"{name} needs a time zone (e.g. +01:00 or Z)", field=name)
    return parsed


async def create_order(call: Call) -> Any:
    return await service_orders.create_order(call.uows, call.param("id"),
                                             call.body.get("technician_id"), "agent")


async def show_order(call: Call) -> Any:
    return await service_orders.show_order(call.uows, call.param("id"))


def _part(raw: dict[str, Any]) -> PartLine:
    price = raw.get("unit_price")
    return PartLine(dec(raw["quantity"], "quantity"), raw.get("part_number"),
                    raw.get("description"), None if price is None else dec(price, "unit_price"))


async def close(call: Call) -> Any:
    b = call.body
    cmd = CloseServiceOrder(
        order_id=call.param("id"), labour_hours=dec(b["labour_hours"], "labour_hours"),
        started_at=moment(b["started_at"], "started_at"),
        ended_at=moment(b["ended_at"], "ended_at"),
        travel_km=dec(b.get("travel_km") or 0, "travel_km"),
        parts=tuple(_part(p) for p in b.get("parts") or ()), notes=b.get("notes"),
        remote=bool(b.get("remote")), incident_type=b.get("incident_type"),
        technician_id=b.get("technician_id"), category=b.get("category"), actor="agent")
    return await close_order(call.uows, cmd)


async def run(call: Call) -> Any:
    return await billing_run.run_billing(call.uows, call.body["period"])


async def documents(call: Call) -> Any:
    return await billing_documents.list_documents(
        call.uows, {name: call.query[name] for name in ("state", "kind", "period")})


async def document(call: Call) -> Any:
    name = call.param("doc")
    if "." not in name:
        return await billing_documents.show_document(call.uows, name)
    rendered = await exports.render_document(call.uows, name)
    return web.Response(body=rendered.body, content_type=rendered.content_type.split(";")[0],
                        charset="utf-8" if "charset" in rendered.content_type else None,
                        headers={"Content-Disposition":
                                 f'inline; filename="{rendered.filename}"'})


async def issue(call: Call) -> Any:
    return await billing_documents.issue_document(call.uows, call.param("id"))


async def export(call: Call) -> Any:
    since = call.body.get("since")
    files = await exports.export_documents(call.uows, call.body["format"],
                                           day(since, "since") if since else None)
    return {"files": [{"name": name, "content_type": f.content_type,
                       "content": f.body.decode("utf-8")} for name, f in files.items()]}


TEXT = {"type": "string", "maxLength": 20}
ROUTES = [
    Route("POST", "/api/incidents/{id}/service-orders", create_order, AGENTS,
          "Book a visit (SO-00001); a billable incident needs the customer's consent", "billing",
          status=201, body=s.ORDER, errors=(404, 409)),
    Route("GET", "/api/service-orders/{id}", show_order, AGENTS, "A service order", "billing",
          errors=(404,)),
    Route("POST", "/api/service-orders/{id}/close", close, AGENTS,
          "Close with the real work: coverage again, delivery note for what is not covered",
          "billing", body=s.CLOSE, errors=(404, 409)),
    Route("POST", "/api/billing/runs", run, ADMIN,
          "Invoice every contract due in a period (idempotent), performing renewals", "billing",
          body=s.RUN),
    Route("GET", "/api/billing/documents", documents, ADMIN, "Billing documents", "billing",
          query={"state": TEXT, "kind": TEXT, "period": TEXT}),
    Route("GET", "/api/billing/documents/{doc}", document, ADMIN,
          "A document: ALB-00001 (JSON) or ALB-00001.json|.csv|.xml (UBL 2.1)|.pdf", "billing",
          errors=(404,)),
    Route("POST", "/api/billing/documents/{id}/issue", issue, ADMIN, "draft → issued",
          "billing", errors=(404, 409)),
    Route("POST", "/api/billing/exports", export, ADMIN,
          "Export issued documents (JSON, CSV, UBL) for the ERP; they become exported",
          "billing", body=s.EXPORT),
]
