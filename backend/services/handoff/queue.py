"""Queue reads shared by the handoff services: open handoffs, load, least-busy agent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from backend.adapters.orm import Conversation, Customer
from backend.adapters.orm.agents import Agent, AgentQueue, Handoff
from backend.domain.handoff import ASSIGNED, OPEN_STATES, WAITING
from backend.services.platform.uow import UnitOfWork


async def open_handoff(uow: UnitOfWork, cid: str) -> Handoff | None:
    result = await uow.session.execute(
        select(Handoff).where(Handoff.conversation_id == cid, Handoff.state.in_(OPEN_STATES))
        .order_by(Handoff.id.desc()).limit(1))
    return result.scalar_one_or_none()


async def position(uow: UnitOfWork, handoff: Handoff) -> int:
    ahead = await uow.session.scalar(
        select(func.count()).select_from(Handoff).where(
            Handoff.queue == handoff.queue, Handoff.state == WAITING, Handoff.kind == "live",
            Handoff.id <= handoff.id))
    return int(ahead or 1)


async def available_agents(uow: UnitOfWork, queue: str) -> list[str]:
    rows = await uow.session.execute(
        select(Agent.username).join(AgentQueue, AgentQueue.username == Agent.username)
        .where(AgentQueue.queue == queue, Agent.active, Agent.available)
        .order_by(Agent.username))
    return list(rows.scalars())


async def load_of(uow: UnitOfWork, usernames: list[str]) -> dict[str, int]:
    rows = await uow.session.execute(
        select(Handoff.agent, func.count()).where(Handoff.agent.in_(usernames),
                                                 Handoff.state == ASSIGNED)
        .group_by(Handoff.agent))
    counts = {name: 0 for name in usernames}
    counts.update({str(name): int(n) for name, n in rows.tuples()})
    return counts


async def claim(uow: UnitOfWork, handoff_id: int, username: str, now: datetime) -> bool:
    """The one atomic conditional UPDATE: exactly one caller gets a waiting handoff."""
    result = await uow.session.execute(
        update(Handoff)
        .where(Handoff.id == handoff_id, Handoff.state == WAITING)
        .values(state=ASSIGNED, agent=username, assigned_at=now)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0) == 1


async def auto_assign(uow: UnitOfWork, handoff: Handoff) -> str | None:
    """Give a waiting handoff to the least-busy available agent of its queue."""
    candidates = await available_agents(uow, handoff.queue)
    if not candidates:
        return None
    load = await load_of(uow, candidates)
    chosen = min(candidates, key=lambda name: (load[name], name))
    if await claim(uow, handoff.id, chosen, uow.clock()):
        await uow.session.refresh(handoff)
        return chosen
    return None


def handoff_view(h: Handoff, conversation: Conversation, customer: Customer | None,
                 now: datetime) -> dict[str, Any]:
    since = h.assigned_at if h.state == ASSIGNED and h.assigned_at else h.requested_at
    return {
        "id": h.id, "conversation_id": h.conversation_id, "kind": h.kind, "reason": h.reason,
        "rule": h.rule, "queue": h.queue, "state": h.state, "agent": h.agent,
        "channel": conversation.channel, "language": conversation.language,
        "verified": conversation.verified,
        "customer": ({"code": customer.code, "name": customer.name}
                     if customer is not None and conversation.verified else None),
        "summary": h.summary, "requested_at": h.requested_at.isoformat(),
        "assigned_at": h.assigned_at.isoformat() if h.assigned_at else None,
        "waiting_seconds": max(0, int((now - h.requested_at).total_seconds())),
        "since_seconds": max(0, int((now - since).total_seconds())),
    }
