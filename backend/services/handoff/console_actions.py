"""What an agent does from the console besides taking and handing back: reply on the
customer's channel, internal notes, incidents (create, update, merge, split)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Incident, Message
from backend.adapters.orm.agents import Agent, AgentQueue, Handoff
from backend.domain.errors import InvalidRequest, NotFound
from backend.domain.handoff import ASSIGNED
from backend.domain.handoff_errors import NotHolder
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import Priority
from backend.services.dedupe import manual as dedupe_manual
from backend.services.dedupe.commands import MergeIncidents, SplitIncident
from backend.services.handoff.sessions import AgentContext
from backend.services.handoff.take import log, tell_customer, visible_handoff
from backend.services.incidents import handlers as incidents
from backend.services.incidents.records import event
from backend.services.platform.commands import ReportProblem
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import incident_view, message_view

MAX_TEXT = 4000


def _priority(value: Any) -> str:
    """low / medium / high / critical (the old ``normal`` reads as medium)."""
    try:
        return Priority(value).value
    except ValueError:
        raise InvalidRequest(f"priority must be one of {', '.join(Priority)}") from None


def _text(value: str) -> str:
    clean = value.strip()
    if not clean or len(clean) > MAX_TEXT:
        raise InvalidRequest(f"text must have 1 to {MAX_TEXT} characters")
    return clean


async def _held(uow: UnitOfWork, agent: AgentContext, handoff_id: int) -> Handoff:
    handoff = await visible_handoff(uow, agent, handoff_id)
    if handoff.state != ASSIGNED or (handoff.agent != agent.username and not agent.is_admin):
        raise NotHolder(f"take handoff {handoff_id} first")
    return handoff


async def reply(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
                body: str) -> dict[str, Any]:
    said = _text(body)
    async with uows() as uow:
        handoff = await _held(uow, agent, handoff_id)
        conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
        message_id, seq = await uow.next_id("message")
        message = Message(id=message_id, seq=seq, conversation_id=conversation.id,
                          direction="out", channel=conversation.channel, text=said,
                          payload={"agent": agent.username, "agent_name": agent.name},
                          created_at=uow.clock())
        uow.session.add(message)
        await tell_customer(uow, conversation, said, "agent_reply")
        await uow.commit()
        return message_view(message)


async def note(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
               body: str) -> dict[str, Any]:
    said = _text(body)
    async with uows() as uow:
        handoff = await visible_handoff(uow, agent, handoff_id)
        log(uow, handoff.id, "note", agent.username, said)
        await uow.commit()
        return {"kind": "note", "actor": agent.username, "text": said}


async def create_incident(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
                          body: dict[str, Any]) -> dict[str, Any]:
    priority = _priority(body.get("priority") or Priority.MEDIUM)
    async with uows() as uow:
        cid = (await _held(uow, agent, handoff_id)).conversation_id
    cmd = ReportProblem(conversation_id=cid, symptom=_text(str(body.get("symptom", ""))),
                        priority=priority,
                        equipment_id=body.get("equipment_id") or None,
                        serial=body.get("serial") or None)
    return await incidents.report_problem(uows, cmd)


async def _customer_incident(uow: UnitOfWork, agent: AgentContext, handoff_id: int,
                             raw_id: str) -> Incident:
    handoff = await _held(uow, agent, handoff_id)
    conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
    incident = await uow.session.get(Incident, normalise_incident_id(raw_id))
    if incident is None or incident.customer_code != conversation.customer_code:
        raise NotFound(f"incident {raw_id} is not this customer's", id=raw_id)
    return incident


async def update_incident(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
                          raw_id: str, body: dict[str, Any]) -> dict[str, Any]:
    async with uows() as uow:
        incident = await _customer_incident(uow, agent, handoff_id, raw_id)
        changes = []
        if body.get("priority") is not None:
            priority = _priority(body["priority"])
            changes.append(f"priority {incident.priority}→{priority}")
            incident.priority = priority
        if body.get("symptom"):
            incident.symptom = _text(str(body["symptom"]))
            changes.append("symptom")
        if not changes:
            raise InvalidRequest("nothing to change: give priority or symptom")
        incident.updated_at = uow.clock()
        event(uow, incident.id, "updated", f"agents:{agent.username}", note="; ".join(changes))
        await uow.commit()
        return incident_view(incident)


async def merge(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int, raw_id: str,
                into: str) -> dict[str, Any]:
    async with uows() as uow:
        source = await _customer_incident(uow, agent, handoff_id, raw_id)
        target = await _customer_incident(uow, agent, handoff_id, into)
    return await dedupe_manual.merge(uows, MergeIncidents(source.id, target.id,
                                                          f"agents:{agent.username}"))


async def split(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int, raw_id: str,
                reports: list[int]) -> dict[str, Any]:
    async with uows() as uow:
        source = await _customer_incident(uow, agent, handoff_id, raw_id)
    return await dedupe_manual.split(uows, SplitIncident(source.id, tuple(reports),
                                                         f"agents:{agent.username}"))


async def colleagues(uows: UnitOfWorkFactory, agent: AgentContext) -> dict[str, Any]:
    """Agents and queues one may transfer to: those sharing a queue with the agent."""
    async with uows() as uow:
        rows = (await uow.session.execute(
            select(Agent.username, Agent.name, Agent.available, AgentQueue.queue)
            .join(AgentQueue, AgentQueue.username == Agent.username)
            .where(Agent.active).order_by(Agent.username))).tuples().all()
    agents: dict[str, dict[str, Any]] = {}
    for username, name, available, queue in rows:
        entry = agents.setdefault(username, {"username": username, "name": name,
                                             "available": available, "queues": []})
        entry["queues"].append(queue)
    if not agent.is_admin:
        agents = {k: v for k, v in agents.items() if set(v["queues"]) & set(agent.queues)}
    queues = sorted({q for a in agents.values() for q in a["queues"]})
    return {"agents": [a for k, a in agents.items() if k != agent.username], "queues": queues}
