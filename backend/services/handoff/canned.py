"""Canned responses offered to an agent for one handoff: those of the handoff's queue, in
the customer's language (or the one asked), with the conversation's values filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Customer, Incident
from backend.domain import canned
from backend.domain.errors import InvalidRequest
from backend.domain.language import language
from backend.paths import data_file
from backend.services.handoff.console import FINAL_STATES
from backend.services.handoff.sessions import AgentContext
from backend.services.handoff.take import visible_handoff
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

DEFAULT_FILE = data_file("canned_responses.yml")


def load(path: Path = DEFAULT_FILE) -> tuple[canned.Canned, ...]:
    """The file's responses; InvalidRequest naming the file and the entry when it is bad."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidRequest(f"{path.name} cannot be read: {exc}") from exc
    return canned.parse(document)


def _person(conv: Conversation, customer: Customer) -> str:
    """The contact writing from the conversation's address, else the company's name."""
    address = conv.address.lower()
    for contact in customer.contacts:
        if address in {(contact.phone or ""), (contact.email or "").lower(),
                       (contact.telegram_id or "")}:
            return contact.name.split()[0]
    return customer.name


async def _values(uow: UnitOfWork, agent: AgentContext, conv: Conversation,
                  slots: dict[str, Any]) -> dict[str, str | None]:
    values: dict[str, str | None] = {"agent_name": agent.name,
                                     "incident_id": slots.get("incident_id") or None}
    customer = await repo.get_customer(uow.session, conv.customer_code or "")
    if customer is None or not conv.verified:
        return values
    values.update(customer_name=_person(conv, customer), customer_code=customer.code)
    if not values["incident_id"]:
        values["incident_id"] = await uow.session.scalar(
            select(Incident.id).where(Incident.customer_code == customer.code,
                                      Incident.state.notin_(FINAL_STATES))
            .order_by(Incident.created_at.desc(), Incident.id.desc()).limit(1))
    return values


async def offered(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
                  lang: str | None = None, path: Path = DEFAULT_FILE) -> dict[str, Any]:
    """``{language, responses: [{id, title, text, missing}]}`` for the handoff's queue."""
    responses = load(path)
    async with uows() as uow:
        handoff = await visible_handoff(uow, agent, handoff_id)
        conv = await repo.get_conversation(uow.session, handoff.conversation_id)
        slots = {**(handoff.slots or {}), **(handoff.agent_slots or {})}
        values = await _values(uow, agent, conv, slots)
        owner = await uow.session.get(Customer, conv.customer_code or "")
        chosen = language(lang or conv.language or (owner.language if owner else None))
        queue = handoff.queue
    items = []
    for item in responses:
        if not item.for_queue(queue):
            continue
        text, missing = canned.fill(item.text[chosen], values)
        items.append({"id": item.id, "title": item.title[chosen], "text": text,
                      "missing": missing})
    return {"language": chosen, "responses": items}
