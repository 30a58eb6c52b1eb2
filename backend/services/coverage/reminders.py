"""An unanswered consent question does not strand an incident (issue 13 §7).

A billable visit waits for the customer's yes to its price basis (for instance the
out-of-hours surcharge; dispatch holds it: ``consent_required``). When the customer moved on
without answering, the question is asked again once, ``REMIND_AFTER`` after it was put, on
the customer's own channel with the yes/no buttons the bot's consent rules take; a high or
critical incident is also raised to a person (a call-back task in the console's queue, so
the bot keeps answering the customer meanwhile). The incident's history records the
reminder (``consent_reminded``), which also keeps it from being sent twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Conversation, CoverageRecord, Incident, IncidentEvent
from backend.adapters.orm.agents import Handoff, HandoffLog
from backend.domain.handoff import WAITING
from backend.domain.handoff_policy import HandoffPolicy
from backend.domain.incident import FINAL_STATES
from backend.domain.texts import say
from backend.services.conversations.messages import proactive
from backend.services.coverage.records import is_billable, latest
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

REMIND_AFTER = timedelta(minutes=20)
URGENT = frozenset({"high", "critical"})
REMINDED = "consent_reminded"


async def remind_consent(uows: UnitOfWorkFactory, now: datetime) -> dict[str, int]:
    """Ask again every consent question unanswered for ``REMIND_AFTER``; the counts."""
    done = {"reminded": 0, "raised": 0}
    async with uows() as uow:
        rows = (await uow.session.execute(
            select(CoverageRecord, Incident, Conversation)
            .join(Incident, Incident.id == CoverageRecord.incident_id)
            .join(Conversation, Conversation.id == Incident.conversation_id)
            .where(CoverageRecord.stage == "reported", CoverageRecord.consent.is_(None),
                   CoverageRecord.decided_at <= now - REMIND_AFTER,
                   Incident.state.not_in(FINAL_STATES)))).all()
        for record, incident, conversation in rows:
            if not await _due(uow, record, incident):
                continue
            await _ask_again(uow, incident, conversation)
            done["reminded"] += 1
            if incident.priority in URGENT:
                await _raise(uow, incident, conversation, now)
                done["raised"] += 1
        await uow.commit()
    return done


async def _due(uow: UnitOfWork, record: CoverageRecord, incident: Incident) -> bool:
    """The latest billable decision on the incident, not reminded yet."""
    current = await latest(uow.session, incident.id, "reported")
    if current is None or current.id != record.id or not is_billable(record):
        return False
    sent = await uow.session.scalar(select(IncidentEvent.id).where(
        IncidentEvent.incident_id == incident.id, IncidentEvent.kind == REMINDED).limit(1))
    return sent is None


async def _ask_again(uow: UnitOfWork, incident: Incident, conversation: Conversation) -> None:
    language = conversation.language
    buttons: list[dict[str, Any]] = [
        {"title": say("consent_yes", language), "payload": "/affirm"},
        {"title": say("consent_no", language), "payload": "/deny"}]
    await proactive(uow, "consent_reminder", conversation.channel, conversation.address,
                    say("consent_reminder", language, incident=incident.id), buttons)
    event(uow, incident.id, REMINDED, "scheduler", note=conversation.channel)


async def _raise(uow: UnitOfWork, incident: Incident, conversation: Conversation,
           now: datetime) -> None:
    """A call-back task for a person: the bot goes on answering the customer meanwhile."""
    handoff = Handoff(conversation_id=conversation.id, kind="callback",
                      reason="consent_unanswered", rule=None,
                      queue=HandoffPolicy.default_queue, state=WAITING,
                      summary=f"{incident.id} · prio {incident.priority} · consent unanswered",
                      slots={"incident_id": incident.id}, agent_slots={}, requested_at=now)
    uow.session.add(handoff)
    await uow.session.flush()
    uow.session.add(HandoffLog(handoff_id=handoff.id, kind="requested", actor="scheduler",
                               text="consent_unanswered", at=now))
