"""What an agent looks up from the console: search over customers, incidents and the
conversations of their queues, and a customer's history (past conversations, closed
incidents). Matching is case-insensitive substring matching (LIKE with the user's ``%``
and ``_`` taken literally), the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from backend.adapters.orm import Contact, Conversation, Customer, Incident, Message
from backend.adapters.orm.agents import Handoff
from backend.domain.errors import InvalidRequest, NotFound
from backend.domain.masking import mask_codes
from backend.services.handoff.console import FINAL_STATES
from backend.services.handoff.sessions import AgentContext
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

MIN_QUERY, MAX_QUERY = 2, 100
LIMIT = 20
SNIPPET = 140


def _pattern(text: str) -> str:
    clean = " ".join(text.split())
    if not MIN_QUERY <= len(clean) <= MAX_QUERY:
        raise InvalidRequest(f"search text must have {MIN_QUERY} to {MAX_QUERY} characters",
                             field="q")
    escaped = clean.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like(column: Any, pattern: str) -> ColumnElement[bool]:
    return func.lower(column).like(pattern, escape="\\")


def _visible(agent: AgentContext) -> Select[tuple[str]]:
    """Ids of the conversations with a handoff the agent may open."""
    query = select(Handoff.conversation_id)
    if not agent.is_admin:
        query = query.where(or_(Handoff.queue.in_(agent.queues),
                                Handoff.agent == agent.username))
    return query


def _snippet(text: str) -> str:
    """A line of a message, never a one-time code in it."""
    text = mask_codes(text)
    return text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…"


async def search(uows: UnitOfWorkFactory, agent: AgentContext, text: str) -> dict[str, Any]:
    """``{customers, incidents, conversations}``, at most LIMIT of each, newest first."""
    pattern = _pattern(text)
    async with uows() as uow:
        contact_hit = select(Contact.customer_code).where(or_(
            _like(Contact.name, pattern), _like(Contact.email, pattern),
            _like(Contact.phone, pattern)))
        customers = (await uow.session.execute(select(Customer).where(or_(
            _like(Customer.code, pattern), _like(Customer.name, pattern),
            Customer.code.in_(contact_hit))).order_by(Customer.code).limit(LIMIT))).scalars()
        incidents = (await uow.session.execute(select(Incident).where(or_(
            _like(Incident.id, pattern), _like(Incident.symptom, pattern))).order_by(
            Incident.created_at.desc(), Incident.id.desc()).limit(LIMIT))).scalars()
        return {"customers": [{"code": c.code, "name": c.name} for c in customers],
                "incidents": [_incident(i) for i in incidents],
                "conversations": await _conversations(uow, agent, pattern)}


async def _conversations(uow: UnitOfWork, agent: AgentContext,
                         pattern: str) -> list[dict[str, Any]]:
    hits = (await uow.session.execute(
        select(Message.conversation_id, func.min(Message.seq))
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(Message.conversation_id.in_(_visible(agent)),
               or_(_like(Message.text, pattern), _like(Conversation.id, pattern)))
        .group_by(Message.conversation_id)
        .order_by(func.max(Message.seq).desc()).limit(LIMIT))).tuples().all()
    if not hits:
        return []
    firsts = {seq for _, seq in hits}
    texts = {m.conversation_id: m for m in (await uow.session.execute(
        select(Message).where(Message.seq.in_(firsts)))).scalars()}
    convs = {c.id: c for c in (await uow.session.execute(select(Conversation).where(
        Conversation.id.in_([cid for cid, _ in hits])))).scalars()}
    return [{"id": cid, "channel": convs[cid].channel,
             "customer_code": convs[cid].customer_code if convs[cid].verified else None,
             "created_at": convs[cid].created_at.isoformat(),
             "snippet": _snippet(texts[cid].text), "at": texts[cid].created_at.isoformat()}
            for cid, _ in hits]


def _incident(i: Incident) -> dict[str, Any]:
    return {"id": i.id, "customer_code": i.customer_code, "symptom": _snippet(i.symptom),
            "state": i.state, "priority": i.priority, "created_at": i.created_at.isoformat(),
            "updated_at": i.updated_at.isoformat()}


async def history(uows: UnitOfWorkFactory, code: str,
                  exclude: str | None = None) -> dict[str, Any]:
    """The customer's past verified conversations (with their handoff reasons and last
    message) and closed incidents, newest first; ``exclude``: the one being worked on."""
    async with uows() as uow:
        customer = await uow.session.get(Customer, code)
        if customer is None:
            raise NotFound(f"customer {code} not found", id=code)
        convs = (await uow.session.execute(select(Conversation).where(
            Conversation.customer_code == code, Conversation.verified,
            Conversation.id != (exclude or "")).order_by(
            Conversation.created_at.desc()).limit(LIMIT))).scalars().all()
        ids = [c.id for c in convs]
        reasons: dict[str, list[str]] = {}
        for cid, reason in (await uow.session.execute(select(
                Handoff.conversation_id, Handoff.reason).where(
                Handoff.conversation_id.in_(ids)).order_by(Handoff.id))).tuples():
            reasons.setdefault(cid, []).append(reason)
        last = {m.conversation_id: m for m in (await uow.session.execute(select(Message).where(
            Message.seq.in_(select(func.max(Message.seq)).where(
                Message.conversation_id.in_(ids)).group_by(Message.conversation_id))
        ))).scalars()}
        closed = (await uow.session.execute(select(Incident).where(
            Incident.customer_code == code, Incident.state.in_(FINAL_STATES)).order_by(
            Incident.updated_at.desc()).limit(LIMIT))).scalars()
        return {"customer": {"code": customer.code, "name": customer.name},
                "conversations": [{
                    "id": c.id, "channel": c.channel, "created_at": c.created_at.isoformat(),
                    "reasons": reasons.get(c.id, []),
                    "last": _snippet(last[c.id].text) if c.id in last else None,
                    "last_at": last[c.id].created_at.isoformat() if c.id in last else None,
                } for c in convs],
                "incidents": [_incident(i) for i in closed]}
