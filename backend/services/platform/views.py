"""JSON shapes of the contract (docs/contract.md), built from ORM rows."""

from __future__ import annotations

from typing import Any

from backend.adapters.orm import (
    Contact,
    Customer,
    Equipment,
    Incident,
    Message,
    OutboxItem,
    Site,
    Technician,
)


def site_view(site: Site | None) -> dict[str, Any] | None:
    if site is None:
        return None
    return {"id": site.id, "name": site.name, "city": site.city}


def equipment_view(eq: Equipment) -> dict[str, Any]:
    return {
        "id": eq.id,
        "serial": eq.serial,
        "model": eq.model,
        "family": eq.family,
        "description": eq.description,
        "site": site_view(eq.site),
    }


def incident_view(inc: Incident) -> dict[str, Any]:
    eq = inc.equipment
    return {
        "id": inc.id,
        "customer_code": inc.customer_code,
        "equipment": None
        if eq is None
        else {"id": eq.id, "serial": eq.serial, "model": eq.model, "family": eq.family},
        "symptom": inc.symptom,
        "priority": inc.priority,
        "service_type": inc.service_type,
        "state": inc.state,
        "created_at": inc.created_at.isoformat(),
        "updated_at": inc.updated_at.isoformat(),
        "channel": inc.channel,
    }


def contact_view(contact: Contact) -> dict[str, Any]:
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "telegram_id": contact.telegram_id,
        "preferred": contact.preferred,
    }


def customer_summary(customer: Customer) -> dict[str, Any]:
    return {"code": customer.code, "name": customer.name}


def customer_view(customer: Customer) -> dict[str, Any]:
    return {
        "code": customer.code,
        "name": customer.name,
        "tax_id": customer.tax_id,
        "language": customer.language,
        "contacts": [contact_view(c) for c in customer.contacts],
        "sites": [
            {"id": s.id, "name": s.name, "address": s.address, "city": s.city, "zone": s.zone}
            for s in customer.sites
        ],
    }


def technician_view(tech: Technician) -> dict[str, Any]:
    return {
        "id": tech.id,
        "name": tech.name,
        "zone": tech.zone,
        "skills": tech.skills,
        "category": tech.category,
        "phone": tech.phone,
        "email": tech.email,
        "telegram_id": tech.telegram_id,
        "shift": tech.shift,
    }


def message_view(msg: Message) -> dict[str, Any]:
    return {
        "id": msg.id,
        "conversation_id": msg.conversation_id,
        "direction": msg.direction,
        "channel": msg.channel,
        "text": msg.text,
        "payload": msg.payload,
        "provider_message_id": msg.provider_message_id,
        "created_at": msg.created_at.isoformat(),
    }


def outbox_view(item: OutboxItem, *, delivery: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": item.id,
        "channel": item.channel,
        "address": item.address,
        "text": item.text,
        "buttons": item.buttons or [],
        "conversation_id": item.conversation_id,
        "kind": item.kind,
        "created_at": item.created_at.isoformat(),
    }
    if delivery:
        view.update(
            status=item.status,
            attempts=item.attempts,
            via=item.via,
            delivered_at=item.delivered_at.isoformat() if item.delivered_at else None,
            last_error=item.last_error,
        )
    return view
