"""JSON shapes of the contract (docs/contract.md), built from ORM rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend.adapters.orm import (
    Contact,
    Customer,
    Equipment,
    Incident,
    IncidentEvent,
    Message,
    OutboxItem,
    Site,
    Technician,
)


def columns(row: object, *names: str) -> dict[str, Any]:
    """``{name: row.name}`` for each name, in order (ISO text for moments)."""
    values = {name: getattr(row, name) for name in names}
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def site_view(site: Site | None) -> dict[str, Any] | None:
    if site is None:
        return None
    return {"id": site.id, "name": site.name, "city": site.city}


def equipment_view(eq: Equipment) -> dict[str, Any]:
    return {**columns(eq, "id", "serial", "model", "family", "description"),
            "site": site_view(eq.site)}


def incident_view(inc: Incident) -> dict[str, Any]:
    eq = inc.equipment
    return {
        "id": inc.id,
        "customer_code": inc.customer_code,
        "equipment": None if eq is None else columns(eq, "id", "serial", "model", "family"),
        **columns(inc, "symptom", "priority", "service_type", "state", "created_at",
                  "updated_at", "channel"),
    }


def event_view(e: IncidentEvent) -> dict[str, Any]:
    """One line of an incident's history (state changes, cancellation reasons, complaints)."""
    return {"kind": e.kind, "from": e.from_state, "to": e.to_state, "actor": e.actor,
            "note": e.note, "at": e.at.isoformat()}


def contact_view(contact: Contact) -> dict[str, Any]:
    return columns(contact, "name", "email", "phone", "telegram_id", "preferred")


def customer_summary(customer: Customer) -> dict[str, Any]:
    return {"code": customer.code, "name": customer.name}


def customer_view(customer: Customer) -> dict[str, Any]:
    return {**columns(customer, "code", "name", "tax_id", "language"),
            "contacts": [contact_view(c) for c in customer.contacts],
            "sites": [columns(s, "id", "name", "address", "city", "zone")
                      for s in customer.sites]}


def technician_view(tech: Technician) -> dict[str, Any]:
    return columns(tech, "id", "name", "zone", "skills", "category", "phone", "email",
                   "telegram_id", "shift")


def message_view(msg: Message) -> dict[str, Any]:
    return columns(msg, "id", "conversation_id", "direction", "channel", "text", "payload",
                   "provider_message_id", "created_at")


def outbox_view(item: OutboxItem, *, delivery: bool = False) -> dict[str, Any]:
    view = {**columns(item, "id", "channel", "address", "text"), "buttons": item.buttons or [],
            "attachments": item.attachments or [],
            **columns(item, "conversation_id", "kind", "created_at")}
    if delivery:
        view.update(columns(item, "status", "attempts", "via", "delivered_at", "last_error"))
    return view
