"""Agents act on handoffs: take (atomic), transfer, hand back to the bot, close a task."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import update

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Verification
from backend.adapters.orm.agents import Agent, AgentQueue, Handoff, HandoffLog
from backend.adapters.rasa import BotResumer
from backend.domain import handoff as rules
from backend.domain.errors import InvalidRequest, NotFound
from backend.domain.handoff_errors import AlreadyTaken, NotHolder, QueueForbidden, UnknownAgent
from backend.domain.texts import say
from backend.services.conversations.lookup import mark_verified
from backend.services.handoff import queue as q
from backend.services.handoff.sessions import AgentContext
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


async def visible_handoff(uow: UnitOfWork, agent: AgentContext, handoff_id: int) -> Handoff:
    handoff = await uow.session.get(Handoff, handoff_id)
    if handoff is None:
        raise NotFound(f"handoff {handoff_id} not found", id=handoff_id)
    if not (agent.sees(handoff.queue) or handoff.agent == agent.username):
        raise QueueForbidden(f"handoff {handoff_id} is in queue {handoff.queue}, not yours")
    return handoff


def log(uow: UnitOfWork, handoff_id: int, kind: str, actor: str, note: str = "") -> None:
    uow.session.add(HandoffLog(handoff_id=handoff_id, kind=kind, actor=actor, text=note,
                               at=uow.clock()))


async def tell_customer(uow: UnitOfWork, conversation: Conversation, message: str,
                        kind: str) -> None:
    """An outbox row on the customer's own channel; the gateway renders and sends it."""
    await uow.outbox.add(kind=kind, channel=conversation.channel, address=conversation.address,
                         text=message, conversation_id=conversation.id)


async def take(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int) -> dict[str, Any]:
    async with uows() as uow:
        handoff = await visible_handoff(uow, agent, handoff_id)
        if not await q.claim(uow, handoff.id, agent.username, uow.clock()):
            await uow.session.refresh(handoff)
            raise AlreadyTaken(f"handoff {handoff_id} was taken by {handoff.agent}",
                               agent=handoff.agent)
        log(uow, handoff.id, "taken", agent.username)
        conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
        if handoff.kind != "callback":
            await tell_customer(uow, conversation, say(
                "joined", conversation.language, name=agent.name), "agent_joined")
        await uow.commit()
        return {"id": handoff.id, "state": rules.ASSIGNED, "agent": agent.username}


async def _hold(uow: UnitOfWork, agent: AgentContext, handoff_id: int,
                values: dict[str, Any]) -> Handoff:
    """Change a handoff the agent holds (admins: any assigned one), atomically."""
    handoff = await visible_handoff(uow, agent, handoff_id)
    condition = [Handoff.id == handoff_id, Handoff.state == rules.ASSIGNED]
    if not agent.is_admin:
        condition.append(Handoff.agent == agent.username)
    result = await uow.session.execute(update(Handoff).where(*condition).values(**values)
                                       .execution_options(synchronize_session=False))
    if int(getattr(result, "rowcount", 0) or 0) != 1:
        raise NotHolder(f"you do not hold handoff {handoff_id}")
    await uow.session.refresh(handoff)
    return handoff


async def transfer(uows: UnitOfWorkFactory, agent: AgentContext, handoff_id: int,
                   to_agent: str | None, to_queue: str | None) -> dict[str, Any]:
    if bool(to_agent) == bool(to_queue):
        raise InvalidRequest("name either an agent or a queue")
    async with uows() as uow:
        if to_agent:
            other = await uow.session.get(Agent, to_agent)
            if other is None or not other.active:
                raise UnknownAgent(f"agent {to_agent} not found", username=to_agent)
            handoff = await visible_handoff(uow, agent, handoff_id)
            member = await uow.session.get(AgentQueue, (to_agent, handoff.queue))
            if member is None and other.role != "admin":
                raise QueueForbidden(f"{to_agent} is not in queue {handoff.queue}")
            handoff = await _hold(uow, agent, handoff_id,
                                  {"agent": to_agent, "assigned_at": uow.clock()})
        else:
            handoff = await _hold(uow, agent, handoff_id, {
                "queue": to_queue, "agent": None, "state": rules.WAITING, "assigned_at": None})
        log(uow, handoff.id, "transferred", agent.username, to_agent or f"queue {to_queue}")
        conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
        await tell_customer(uow, conversation, say("transferred", conversation.language),
                            "agent_transfer")
        await uow.commit()
        return {"id": handoff.id, "state": handoff.state, "agent": handoff.agent,
                "queue": handoff.queue}


async def hand_back(uows: UnitOfWorkFactory, resumer: BotResumer, agent: AgentContext,
                    handoff_id: int, slots: dict[str, Any]) -> dict[str, Any]:
    """Resume the bot with the slots the agent set, then close the handoff. If Rasa
    cannot be reached nothing changes (502) and the agent keeps the conversation."""
    unknown = sorted(set(slots) - set(rules.AGENT_SLOTS))
    if unknown:
        raise InvalidRequest(f"slots agents may not set: {', '.join(unknown)}",
                             allowed=list(rules.AGENT_SLOTS))
    async with uows() as uow:
        handoff = await visible_handoff(uow, agent, handoff_id)
        merged = {**handoff.agent_slots, **slots}
        handoff = await _hold(uow, agent, handoff_id, {
            "state": rules.CLOSED, "closed_at": uow.clock(), "agent_slots": merged})
        conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
        vouched = await vouch(uow, conversation, slots.get("customer_code"))
        await _to_bot(uow, handoff, conversation, "released",
                      lambda cid: resumer.resume(cid, {**merged, **vouched}))
        log(uow, handoff.id, "released", agent.username, ", ".join(sorted(merged)))
        await uow.commit()
        return {"id": handoff.id, "state": rules.CLOSED, "slots": merged,
                "conversation_id": conversation.id, "handled_by": "bot"}


async def close(uows: UnitOfWorkFactory, resumer: BotResumer, agent: AgentContext,
                handoff_id: int) -> dict[str, Any]:
    """End the conversation without handing it back (dealt with, nothing left to do): the
    customer is told, and the bot forgets it (slots, pause), so what they write next starts
    afresh. If Rasa cannot be reached nothing changes (502) and the agent keeps it."""
    async with uows() as uow:
        handoff = await _hold(uow, agent, handoff_id,
                              {"state": rules.CLOSED, "closed_at": uow.clock()})
        conversation = await repo.get_conversation(uow.session, handoff.conversation_id)
        await _to_bot(uow, handoff, conversation, "closed", resumer.restart)
        log(uow, handoff.id, "closed", agent.username)
        await uow.commit()
        return {"id": handoff.id, "state": rules.CLOSED, "conversation_id": conversation.id,
                "handled_by": "bot"}


async def _to_bot(uow: UnitOfWork, handoff: Handoff, conversation: Conversation, said: str,
                  wake: Callable[[str], Awaitable[None]]) -> None:
    """The bot answers again (``wake`` tells Rasa; it raises before anything commits) and
    the customer is told (texts ``said``); a call-back task never paused the bot."""
    if handoff.kind != "callback":
        await wake(conversation.id)
        await tell_customer(uow, conversation, say(said, conversation.language),
                            f"agent_{said}")
    conversation.handled_by = "bot"


async def vouch(uow: UnitOfWork, conversation: Conversation, code: Any) -> dict[str, Any]:
    """An agent who hands back naming the customer has checked who they are (by phone, by
    what they know): the conversation is verified for that customer and a locked
    verification unlocked, so the bot carries on with the customer's task instead of
    sending them back to a person. The slots the bot is resumed with say so too."""
    if code is None:
        return {}
    customer = await repo.get_customer(uow.session, str(code).strip().upper())
    if customer is None:
        raise NotFound(f"customer {code} not found", customer=str(code))
    mark_verified(uow, conversation, customer)
    challenge = await uow.session.get(Verification, conversation.id)
    if challenge is not None:
        challenge.locked, challenge.attempts = False, 0
    return {"customer_code": customer.code, "verified": True, "verification_locked": False}
