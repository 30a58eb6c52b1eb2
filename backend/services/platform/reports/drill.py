"""The lists behind the figures: incidents or conversations of the report's filters,
narrowed to one figure (`sla=response` → the incidents whose response was breached,
`technician=T-01` → the jobs offered to T-01, …). Free text and addresses (personal data)
only when `personal` is asked for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import exists, select

from backend.adapters.orm import (
    Conversation,
    CoverageRecord,
    Incident,
    IncidentMerge,
    IncidentReport,
    Technician,
    Verification,
)
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import Dispatch, SlaTimerRow
from backend.domain.errors import InvalidRequest
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import conversation_scope, incident_scope
from backend.services.platform.uow import UnitOfWork

LIMIT = 500
INCIDENT_FIGURES = ("sla", "priority", "contract", "coverage", "technician", "decision",
                    "state", "merge", "zone", "dispatched")
ASKED = ("confirmed", "declined")  # decision=asked: the customer was asked
CONVERSATION_FIGURES = ("reason", "contained", "language", "verification")


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InvalidRequest(f"{name} must be one of {', '.join(allowed)}")
    return value


def _breached(kind: str, now: Any, contract: str | None) -> Any:
    t = SlaTimerRow
    where = [t.incident_id == Incident.id,
             (t.met_at > t.due_at) | (t.met_at.is_(None) & (t.due_at <= now))]
    if kind != "any":
        where.append(t.kind == kind)
    if contract:
        where.append(t.contract_id == contract)
    return exists(select(t.id).where(*where))


def _incident_figures(q: Mapping[str, str], now: Any) -> list[Any]:
    where: list[Any] = []
    if q.get("sla"):
        where.append(_breached(_one_of("sla", q["sla"], ("response", "resolution", "any")),
                               now, q.get("contract")))
    elif q.get("contract"):
        where.append(exists(select(SlaTimerRow.id).where(
            SlaTimerRow.incident_id == Incident.id, SlaTimerRow.contract_id == q["contract"])))
    if q.get("priority"):
        where.append(Incident.priority == q["priority"])
    if q.get("state"):
        where.append(Incident.state == q["state"])
    if q.get("coverage"):
        where.append(exists(select(CoverageRecord.id).where(
            CoverageRecord.incident_id == Incident.id, CoverageRecord.stage == "reported",
            CoverageRecord.outcome == q["coverage"])))
    if q.get("technician"):
        where.append(exists(select(Dispatch.id).where(
            Dispatch.incident_id == Incident.id, Dispatch.technician_id == q["technician"])))
    if q.get("decision"):
        decision = _one_of("decision", q["decision"], ("merged", *ASKED, "asked"))
        where.append(exists(select(IncidentReport.id).where(
            IncidentReport.incident_id == Incident.id,
            IncidentReport.decision.in_(ASKED if decision == "asked" else (decision,)))))
    return where + _people_figures(q)


def _people_figures(q: Mapping[str, str]) -> list[Any]:
    """Agents' merges and splits (kept, on the incident kept), technicians' zone, any job."""
    where: list[Any] = []
    if q.get("merge"):
        where.append(exists(select(IncidentMerge.id).where(
            IncidentMerge.target_id == Incident.id, IncidentMerge.undone_at.is_(None),
            IncidentMerge.kind == _one_of("merge", q["merge"], ("merge", "split")))))
    if q.get("zone"):
        where.append(exists(select(Dispatch.id).join(
            Technician, Technician.id == Dispatch.technician_id).where(
            Dispatch.incident_id == Incident.id, Technician.zone == q["zone"])))
    if q.get("dispatched"):
        _one_of("dispatched", q["dispatched"], ("yes",))
        where.append(exists(select(Dispatch.id).where(Dispatch.incident_id == Incident.id)))
    return where


async def incident_list(uow: UnitOfWork, f: Filters, q: Mapping[str, str],
                        personal: bool) -> dict[str, Any]:
    rows = (await uow.session.execute(
        select(Incident).where(*incident_scope(f), *_incident_figures(q, uow.clock()))
        .order_by(Incident.created_at.desc(), Incident.id.desc()).limit(LIMIT + 1)
    )).scalars().all()
    items = []
    for i in rows[:LIMIT]:
        item = {"id": i.id, "created_at": i.created_at.isoformat(), "customer": i.customer_code,
                "channel": i.channel, "priority": i.priority, "state": i.state,
                "equipment": i.equipment_id}
        if personal:
            item["symptom"] = i.symptom
        items.append(item)
    return {"items": items, "truncated": len(rows) > LIMIT}


def _conversation_figures(q: Mapping[str, str]) -> list[Any]:
    handed = exists(select(Handoff.id).where(Handoff.conversation_id == Conversation.id))
    where: list[Any] = []
    if q.get("reason"):
        where.append(exists(select(Handoff.id).where(
            Handoff.conversation_id == Conversation.id, Handoff.reason == q["reason"])))
    if q.get("contained"):
        yes = _one_of("contained", q["contained"], ("yes", "no")) == "yes"
        where.append(~handed if yes else handed)
    if q.get("language"):
        where.append(Conversation.language == q["language"])
    if q.get("verification"):
        state = _one_of("verification", q["verification"], ("verified", "locked"))
        cond = (Conversation.verified.is_(True) if state == "verified"
                else Verification.locked.is_(True))
        where.append(exists(select(Verification.conversation_id).where(
            Verification.conversation_id == Conversation.id, cond)))
    return where


async def conversation_list(uow: UnitOfWork, f: Filters, q: Mapping[str, str],
                            personal: bool) -> dict[str, Any]:
    rows = (await uow.session.execute(
        select(Conversation).where(*conversation_scope(f), *_conversation_figures(q))
        .order_by(Conversation.created_at.desc(), Conversation.id.desc()).limit(LIMIT + 1)
    )).scalars().all()
    items = []
    for c in rows[:LIMIT]:
        item = {"id": c.id, "created_at": c.created_at.isoformat(), "channel": c.channel,
                "customer": c.customer_code, "language": c.language,
                "handled_by": c.handled_by, "verified": c.verified}
        if personal:
            item["address"] = c.address
        items.append(item)
    return {"items": items, "truncated": len(rows) > LIMIT}
