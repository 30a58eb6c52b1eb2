"""RequestHandoff: the bot hands a conversation to people (actions role).

Outcomes (``status``): ``queued`` / ``assigned`` (live, the bot pauses), ``out_of_hours``
(nothing created; the customer chooses ``callback`` or ``message``), ``task`` (that choice
recorded as a task for the console), ``not_needed`` (a complaint too early, no rule matched).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Message
from backend.adapters.orm.agents import Handoff, HandoffLog
from backend.domain import handoff as rules
from backend.domain.errors import InvalidRequest
from backend.domain.handoff_policy import HandoffPolicy
from backend.domain.masking import mask_codes
from backend.services.handoff import queue as q
from backend.services.incidents.followups import link_handoff
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class RequestHandoff:
    conversation_id: str
    reason: str
    slots: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    choice: str | None = None  # callback | message, out of agents' hours


async def request_handoff(uows: UnitOfWorkFactory, policy: HandoffPolicy,
                          cmd: RequestHandoff) -> dict[str, Any]:
    if cmd.reason not in rules.REASONS:
        raise InvalidRequest(f"reason must be one of {', '.join(rules.REASONS)}")
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        facts = {**cmd.slots, **cmd.facts, "reason": cmd.reason,
                 "channel": conversation.channel, "language": conversation.language or ""}
        refusal = await _not_needed(uow, policy, cmd, facts)
        if refusal is not None:
            return {"status": "not_needed", "reason": refusal}
        existing = await q.open_handoff(uow, conversation.id)
        if existing is not None:
            await _link_complaint(uow, facts, existing)
            answer = await _live_answer(uow, policy, existing)
            await uow.commit()
            return answer
        now = uow.clock()
        if not policy.is_open(now) and cmd.choice is None:
            return {"status": "out_of_hours", "options": ["callback", "message"],
                    **_opening(policy, now)}
        queue, rule = rules.route(facts, policy.rules, policy.default_queue)
        kind = "live" if policy.is_open(now) else str(cmd.choice)
        if kind not in rules.KINDS:
            raise InvalidRequest("choice must be callback or message")
        handoff = Handoff(conversation_id=conversation.id, kind=kind, reason=cmd.reason,
                          rule=rule.name if rule else None, queue=queue, state=rules.WAITING,
                          summary=await _problem_line(uow, conversation.id, cmd.slots),
                          slots=dict(cmd.slots),
                          agent_slots={}, requested_at=now)
        uow.session.add(handoff)
        await uow.session.flush()
        uow.session.add(HandoffLog(handoff_id=handoff.id, kind="requested", actor="bot",
                                   text=cmd.reason, at=now))
        await _link_complaint(uow, facts, handoff)
        if kind != "callback":
            conversation.handled_by = "agent"  # the gateway stops forwarding to Rasa
        if kind == "live" and policy.auto_assign:
            await q.auto_assign(uow, handoff)
        answer = (await _live_answer(uow, policy, handoff) if kind == "live"
                  else {"status": "task", "kind": kind, "handoff_id": handoff.id,
                        "queue": queue, **_opening(policy, now)})
        await uow.commit()
        return answer


async def _link_complaint(uow: UnitOfWork, facts: dict[str, Any], handoff: Handoff) -> None:
    """A recorded complaint (facts ``complaint``: its id) names the handoff raising it."""
    complaint = facts.get("complaint")
    if isinstance(complaint, int) and not isinstance(complaint, bool):
        await link_handoff(uow, complaint, handoff.id)


async def _not_needed(uow: UnitOfWork, policy: HandoffPolicy, cmd: RequestHandoff,
                      facts: dict[str, Any]) -> str | None:
    if cmd.reason == "complain" and not facts.get("complaint"):  # recorded ones always go
        turns = await customer_turns(uow, cmd.conversation_id)
        if not rules.complaint_escalates(turns, policy.complain_turns):
            return f"complaint after {turns} of {policy.complain_turns} turns"
    if cmd.reason == "nlu_fallback" and int(facts.get("fallbacks") or 0) < policy.fallbacks:
        return f"fewer than {policy.fallbacks} misunderstood messages in a row"
    if cmd.reason == "rule" and rules.escalating_rule(facts, policy.rules) is None:
        return "no escalation rule matches"
    return None


async def customer_turns(uow: UnitOfWork, cid: str) -> int:
    count = await uow.session.scalar(select(func.count()).select_from(Message).where(
        Message.conversation_id == cid, Message.direction == "in"))
    return int(count or 0)


async def _live_answer(uow: UnitOfWork, policy: HandoffPolicy, handoff: Handoff
                       ) -> dict[str, Any]:
    if handoff.state == rules.ASSIGNED:
        return {"status": "assigned", "handoff_id": handoff.id, "queue": handoff.queue,
                "position": 0, "wait_minutes": 0, "agent": handoff.agent}
    ahead = await q.position(uow, handoff)
    agents = await q.available_agents(uow, handoff.queue)
    wait = rules.estimate_wait_minutes(ahead, len(agents), policy.minutes_each)
    return {"status": "queued", "handoff_id": handoff.id, "queue": handoff.queue,
            "kind": handoff.kind, "position": ahead, "wait_minutes": wait,
            "agents_available": len(agents)}


def _opening(policy: HandoffPolicy, now: Any) -> dict[str, Any]:
    opens = policy.next_opening(now)
    if opens is None:
        return {"opens_at": None, "opens_local": None}
    local = opens.astimezone(policy.calendar().tz)
    return {"opens_at": opens.isoformat(), "opens_local": local.strftime("%H:%M"),
            "opens_date": local.date().isoformat(), "opens_weekday": local.weekday()}


async def conversation_handled_by(uow: UnitOfWork, cid: str, who: str) -> Conversation:
    conversation = await repo.get_conversation(uow.session, cid)
    conversation.handled_by = who
    return conversation


async def _problem_line(uow: UnitOfWork, cid: str, slots: dict[str, Any]) -> str:
    """The queue card's line: what the bot collected, else the customer's own words — the
    first message of three words or more (the problem, usually, not "a person please"
    said last), else the latest; never a one-time code."""
    collected = rules.summary_line(slots)
    if collected:
        return collected
    said = [m.text for m in (await uow.session.execute(
        select(Message).where(Message.conversation_id == cid, Message.direction == "in")
        .order_by(Message.seq).limit(20))).scalars() if m.text and not m.text.startswith("/")]
    line = next((t for t in said if len(t.split()) >= 3), said[-1] if said else "")
    return mask_codes(" ".join(line.split()))[:120]
