"""What the console reads: the agent's live queue and one conversation in full."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from backend.adapters import repositories as repo
from backend.adapters.orm import Contract, Conversation, Customer, Incident, Message
from backend.adapters.orm.agents import Handoff, HandoffLog
from backend.domain.errors import NotFound
from backend.domain.handoff import OPEN_STATES
from backend.domain.handoff_errors import QueueForbidden
from backend.domain.masking import masked_message
from backend.services.contracts.views import contract_view
from backend.services.conversations import transcripts
from backend.services.conversations.attachments import views as attachment_views
from backend.services.handoff.queue import handoff_view
from backend.services.handoff.sessions import AgentContext
from backend.services.platform.queries import conversation_messages
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import customer_view, equipment_view, incident_view

FINAL_STATES = ("resolved", "closed", "cancelled")


async def queue(uows: UnitOfWorkFactory, agent: AgentContext, answer_within: int
                ) -> dict[str, Any]:
    """Open handoffs of the agent's queues (admins: all) and those the agent holds;
    ``answer_within``: the target seconds for taking a waiting one (the cards' timer)."""
    async with uows() as uow:
        query = select(Handoff, Conversation).join(
            Conversation, Conversation.id == Handoff.conversation_id
        ).where(Handoff.state.in_(OPEN_STATES)).order_by(Handoff.requested_at, Handoff.id)
        if not agent.is_admin:
            query = query.where(or_(Handoff.queue.in_(agent.queues),
                                    Handoff.agent == agent.username))
        rows = (await uow.session.execute(query)).tuples().all()
        codes = {c.customer_code for _, c in rows if c.customer_code}
        customers = {c.code: c for c in (await uow.session.execute(
            select(Customer).where(Customer.code.in_(codes)))).scalars()}
        now = uow.clock()
        items = [handoff_view(h, c, customers.get(c.customer_code or ""), now) for h, c in rows]
        return {"items": items, "queues": list(agent.queues), "at": now.isoformat(),
                "answer_within_seconds": answer_within}


async def latest_handoff(uow: UnitOfWork, agent: AgentContext, cid: str) -> Handoff:
    """The conversation's open handoff (else its latest), if the agent may see it."""
    rows = (await uow.session.execute(
        select(Handoff).where(Handoff.conversation_id == cid).order_by(Handoff.id.desc())
    )).scalars().all()
    if not rows:
        raise NotFound(f"conversation {cid} was never handed to agents", id=cid)
    current = next((h for h in rows if h.state in OPEN_STATES), rows[0])
    if not (agent.sees(current.queue) or current.agent == agent.username):
        raise QueueForbidden(f"conversation {cid} is in queue {current.queue}, not yours")
    return current


async def conversation(uows: UnitOfWorkFactory, agent: AgentContext, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        handoff = await latest_handoff(uow, agent, cid)
        conv = await repo.get_conversation(uow.session, cid)
        customer = await repo.get_customer(uow.session, conv.customer_code or "")
        customer = customer if conv.verified else None
        log = (await uow.session.execute(select(HandoffLog).where(
            HandoffLog.handoff_id == handoff.id).order_by(HandoffLog.id))).scalars()
        detail: dict[str, Any] = {
            "handoff": handoff_view(handoff, conv, customer, uow.clock()),
            "handoff_slots": handoff.slots, "agent_slots": handoff.agent_slots,
            "log": [{"kind": e.kind, "actor": e.actor, "text": e.text, "at": e.at.isoformat()}
                    for e in log],
            "customer": customer_view(customer) if customer else None,
            "contracts": [], "equipment": [], "incidents": [], "coverage": [],
        }
        code = customer.code if customer is not None else None
        if code is not None:
            detail.update(await _customer_file(uow, code))
    if code is not None:
        transcript = await transcripts.customer_messages(uows, code, 500)
    else:
        transcript = await conversation_messages(uows, cid)
    detail["transcript"] = {**transcript,  # agents never read a one-time code
                            "messages": [masked_message(m) for m in transcript["messages"]]}
    shown = {cid} | {str(m["conversation_id"]) for m in transcript["messages"]}
    detail["attachments"] = await attachment_views.of_conversations(uows, sorted(shown))
    for incident in detail["incidents"]:  # with its conversation's files from before filing
        incident["attachments"] = await attachment_views.of_incident(uows, incident["id"])
    return detail


async def _customer_file(uow: UnitOfWork, code: str) -> dict[str, Any]:
    contracts = (await uow.session.execute(select(Contract).where(
        Contract.customer_code == code).order_by(Contract.id))).scalars().all()
    equipment = await repo.customer_equipment(uow.session, code)
    incidents = (await uow.session.execute(select(Incident).where(
        Incident.customer_code == code, Incident.state.notin_(FINAL_STATES)
    ).order_by(Incident.created_at.desc()))).scalars().all()
    today = uow.clock().date()
    active = [c for c in contracts if c.state == "active" and _runs(c, today)]
    coverage = [{
        "equipment_id": eq.id, "serial": eq.serial,
        "warranty_until": eq.warranty_end.isoformat() if eq.warranty_end else None,
        "in_warranty": bool(eq.warranty_end and eq.warranty_end >= today),
        "contracts": [{"id": c.id, "type": c.type} for c in active if eq.id in c.equipment_ids],
    } for eq in equipment]
    return {"contracts": [contract_view(c) for c in contracts],
            "equipment": [equipment_view(e) for e in equipment],
            "incidents": [incident_view(i) for i in incidents], "coverage": coverage}


def _runs(contract: Contract, today: date) -> bool:
    return contract.start <= today and (contract.end is None or contract.end >= today)


async def fingerprint(uows: UnitOfWorkFactory, cid: str) -> tuple[Any, ...]:
    """Changes when a message, a log entry or the handoff of the conversation changes (the
    console's live socket pushes a refresh then)."""
    async with uows() as uow:
        conv = await uow.session.get(Conversation, cid)
        if conv is None:
            return ()
        convs = select(Conversation.id).where(Conversation.customer_code == conv.customer_code,
                                              Conversation.verified) if conv.verified else None
        scope = Message.conversation_id.in_(convs) if convs is not None else (
            Message.conversation_id == cid)
        seq = await uow.session.scalar(select(func.max(Message.seq)).where(scope))
        entry = await uow.session.scalar(select(func.max(HandoffLog.id)).join(
            Handoff, Handoff.id == HandoffLog.handoff_id).where(Handoff.conversation_id == cid))
        return (seq, entry, conv.handled_by)
