"""The duplicate check inside ReportProblem: decide, then open, attach or ask.

    NEW   → open an incident with its first report (201 "created")
    MERGE → attach the report to the open incident (200 "merged")
    ASK   → keep the report pending and ask the customer (200 "ask"); the answer comes
            back as AnswerPendingReport and attaches ("confirmed") or opens ("declined").
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import lru_cache
from typing import Any

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Equipment, Incident, PendingReport
from backend.domain.dedupe import Decision, DedupeConfig, Outcome, Report, decide
from backend.domain.errors import NotFound
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import FINAL_STATES, State
from backend.services.coverage import decision as coverage
from backend.services.dedupe import store
from backend.services.dedupe.config import load_config
from backend.services.dedupe.errors import MergeRefused, PendingReportExpired, UnknownPendingReport
from backend.services.dedupe.filing import Filing, attach, described, open_incident
from backend.services.incidents import notes
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork
from backend.services.platform.views import incident_view

PENDING_TTL = timedelta(hours=24)


@lru_cache(maxsize=1)
def default_config() -> DedupeConfig:
    """data/dedupe.yml, read once."""
    return load_config()


async def check(uow: UnitOfWork, conversation: Conversation, symptom: str,
                equipment: Equipment | None, config: DedupeConfig,
                serial: str | None = None) -> Decision:
    customer = conversation.customer_code or ""
    at = uow.clock()
    machines = await store.fleet(uow.session, customer)
    views = await store.candidate_views(uow.session, customer, at, config)
    report = Report(customer=customer, text=symptom, at=at, channel=conversation.channel,
                    sender=conversation.address, serial=serial,
                    equipment_id=equipment.id if equipment else None)
    return decide(report, machines, views, config)


async def created(uow: UnitOfWork, filing: Filing, decision: str, score: float | None,
                  recurrence_of: str | None) -> dict[str, Any]:
    incident, report = await open_incident(uow, filing, decision, score)
    await notes.note_intake(uow, incident, filing.conversation, report)
    if recurrence_of:
        event(uow, incident.id, "recurrence", "dedupe",
              note=f"repeats the resolved {recurrence_of}")
    cover = await coverage.reported_view(uow, incident, filing.conversation.language)
    await uow.commit()
    return {**incident_view(incident), "outcome": "created", "report_id": report.id,
            "recurrence_of": recurrence_of, "coverage": cover}


async def merged(uow: UnitOfWork, incident: Incident, filing: Filing, decision: str,
                 score: float | None) -> dict[str, Any]:
    report = await attach(uow, incident, filing, decision, score)
    await notes.note_intake(uow, incident, filing.conversation, report)
    await uow.commit()
    return {**await described(uow, incident), "outcome": "merged", "merged_into": incident.id,
            "report_id": report.id, "score": score}


async def file_report(uow: UnitOfWork, filing: Filing, config: DedupeConfig,
                      serial: str | None = None) -> dict[str, Any]:
    """`serial`: one the customer typed that is none of their machines (read as text)."""
    c = filing.conversation
    if filing.service_type not in store.CHECKED_SERVICE_TYPES:
        return await created(uow, filing, "new", None, None)
    decision = await check(uow, c, filing.symptom, filing.equipment, config, serial)
    filing = Filing(c, filing.symptom, filing.priority, filing.service_type, filing.equipment,
                    decision.equipment_ids, filing.at)
    if decision.outcome is Outcome.MERGE and decision.incident_id:
        incident = await repo.get_incident(uow.session, decision.incident_id)
        return await merged(uow, incident, filing, "merged", decision.score)
    if decision.outcome is Outcome.ASK and decision.incident_id:
        return await _ask(uow, filing, decision)
    return await created(uow, filing, "new", None, decision.recurrence_of)


async def _ask(uow: UnitOfWork, filing: Filing, decision: Decision) -> dict[str, Any]:
    assert decision.incident_id is not None
    c = filing.conversation
    pending = PendingReport(
        token=secrets.token_urlsafe(24), conversation_id=c.id, customer_code=c.customer_code,
        candidate_id=decision.incident_id,
        equipment_id=filing.equipment.id if filing.equipment else None,
        symptom=filing.symptom, priority=filing.priority, service_type=filing.service_type,
        equipment_ids=sorted(decision.equipment_ids), score=decision.score,
        recurrence_of=decision.recurrence_of, created_at=filing.at,
    )
    uow.session.add(pending)
    candidate = await repo.get_incident(uow.session, decision.incident_id)
    body = await described(uow, candidate)
    await uow.commit()
    return {"outcome": "ask", "pending_report": pending.token, "score": decision.score,
            "reasons": list(decision.reasons), "candidate": body,
            "recurrence_of": decision.recurrence_of}


async def answer(uow: UnitOfWork, conversation: Conversation, token: str,
                 duplicate_of: str | None) -> dict[str, Any]:
    pending = await uow.session.get(PendingReport, token)
    if pending is None or pending.conversation_id != conversation.id:
        raise UnknownPendingReport("no pending report with this token on this conversation")
    if uow.clock() - pending.created_at > PENDING_TTL:
        await uow.session.delete(pending)
        await uow.commit()
        raise PendingReportExpired("the question was asked too long ago; report it again")
    equipment = (
        await uow.session.get(Equipment, pending.equipment_id) if pending.equipment_id else None
    )
    filing = Filing(conversation, pending.symptom, pending.priority, pending.service_type,
                    equipment, pending.equipment_ids, pending.created_at)
    await uow.session.delete(pending)
    if duplicate_of is None:
        return await created(uow, filing, "declined", pending.score, pending.recurrence_of)
    target = await repo.get_incident(uow.session, normalise_incident_id(duplicate_of))
    if target.customer_code != conversation.customer_code:
        raise NotFound(f"incident {target.id} not found", id=target.id)
    if State(target.state) in FINAL_STATES or target.state in store.DONE_STATES:
        raise MergeRefused(f"{target.id} is {target.state}; it cannot take new reports",
                           id=target.id, state=target.state)
    return await merged(uow, target, filing, "confirmed", pending.score)
