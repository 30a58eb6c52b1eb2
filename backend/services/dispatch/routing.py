"""RouteIncident: the rules pick the queue, the scoring ranks its technicians; the choice,
the runners-up and every reason are stored (GET /api/incidents/{id}/routing).

The rules live in data/routing_rules.yml until an admin PUTs a new version, which is
validated (file:line errors) and stored in the database (every replica reads the same)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm import CoverageRecord, Incident, Technician
from backend.adapters.orm.dispatch import (
    Dispatch,
    DispatchDocument,
    RoutingDecision,
    TechnicianProfile,
)
from backend.domain import routing as r
from backend.domain.coverage import CoveredHours
from backend.domain.routing.loader import parse_rules, rules_as_data
from backend.paths import data_file
from backend.services.coverage.access import own_incident
from backend.services.dispatch.technicians import absences_of
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

RULES_FILE = data_file("routing_rules.yml")
DOCUMENT = "routing_rules"
BUSY = ("offered", "accepted", "on_the_way", "arrived")
URGENT = frozenset({"critical"})  # priorities that may call a technician off shift
URGENT_QUEUES = frozenset({"urgencias"})


async def rules_text(uow: UnitOfWork) -> tuple[str, str]:
    row = await uow.session.get(DispatchDocument, DOCUMENT)
    if row is not None:
        return row.text, f"database ({row.updated_by}, {row.updated_at.isoformat()})"
    return RULES_FILE.read_text(encoding="utf-8"), "data/routing_rules.yml"


async def current_rules(uow: UnitOfWork) -> r.RoutingRules:
    text, source = await rules_text(uow)
    return parse_rules(text, source)


async def get_rules(uows: UnitOfWorkFactory) -> dict[str, Any]:
    async with uows() as uow:
        text, source = await rules_text(uow)
        return {"source": source, "text": text, "rules": rules_as_data(parse_rules(text, source))}


async def put_rules(uows: UnitOfWorkFactory, text: str, actor: str) -> dict[str, Any]:
    rules = parse_rules(text, "request body")  # RulesError (400) names the line
    async with uows() as uow:
        await uow.session.merge(DispatchDocument(name=DOCUMENT, text=text,
                                                 updated_at=uow.clock(), updated_by=actor))
        await uow.commit()
    return {"source": "database", "rules": rules_as_data(rules)}


def facts_of(incident: Incident, incident_type: str | None) -> dict[str, str | None]:
    eq = incident.equipment
    site = eq.site if eq is not None else None
    return {"incident_type": incident_type, "family": eq.family if eq else None,
            "service_type": incident.service_type, "priority": incident.priority,
            "customer": incident.customer_code, "zone": site.zone if site else None}


async def _open_jobs(uow: UnitOfWork) -> dict[str, int]:
    rows = await uow.session.execute(select(Dispatch.technician_id, func.count()).where(
        Dispatch.state.in_(BUSY)).group_by(Dispatch.technician_id))
    return {tech: int(n) for tech, n in rows.all()}


async def technician_facts(uow: UnitOfWork, rules: r.RoutingRules, queue: r.Queue
                           ) -> list[r.TechnicianFacts]:
    load = await _open_jobs(uow)
    techs = (await uow.session.execute(select(Technician).order_by(Technician.id))).scalars()
    out = []
    for tech in techs:
        if not queue.admits(tech.id):
            continue
        prof = await uow.session.get(TechnicianProfile, tech.id)
        shift = None
        if tech.shift:
            calendar = rules.holidays_of(tech.zone)
            shift = CoveredHours.parse(tech.shift["timezone"], tech.shift["schedule"], calendar)
        out.append(r.TechnicianFacts(tech.id, tech.zone, frozenset(tech.skills), shift,
                                     absences_of(prof), load.get(tech.id, 0)))
    return out


async def route(uow: UnitOfWork, incident: Incident, record: CoverageRecord | None
                ) -> tuple[RoutingDecision, r.Queue]:
    rules = await current_rules(uow)
    facts = facts_of(incident, record.incident_type if record else None)
    queue, rule = rules.route(facts)
    job = r.JobFacts(uow.clock(), facts["family"], facts["zone"],
                     record.response_due if record else None, rules.max_open_jobs,
                     urgent=incident.priority in URGENT or queue.id in URGENT_QUEUES)
    ranked = r.rank(job, await technician_facts(uow, rules, queue))
    chosen = next((s.technician_id for s in ranked if s.eligible), None)
    decision = RoutingDecision(
        incident_id=incident.id, queue=queue.id, rule=rule.name if rule else None,
        rule_line=rule.line if rule else None, facts=facts,
        candidates=[s.as_dict() for s in ranked], chosen_id=chosen,
        held=None if chosen else "nobody", decided_at=uow.clock())
    uow.session.add(decision)
    await uow.flush()
    return decision, queue


async def latest_decision(uow: UnitOfWork, incident_id: str) -> RoutingDecision | None:
    return (await uow.session.execute(
        select(RoutingDecision).where(RoutingDecision.incident_id == incident_id)
        .order_by(RoutingDecision.id.desc()).limit(1))).scalar_one_or_none()


def decision_view(d: RoutingDecision) -> dict[str, Any]:
    return {"id": d.id, "queue": d.queue, "rule": d.rule, "rule_line": d.rule_line,
            "facts": d.facts, "chosen": d.chosen_id, "held": d.held,
            "runners_up": [c for c in d.candidates if c["technician_id"] != d.chosen_id],
            "candidates": d.candidates, "decided_at": d.decided_at.isoformat()}


async def incident_routing(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        incident = await own_incident(uow, None, raw_id)
        rows = (await uow.session.execute(
            select(RoutingDecision).where(RoutingDecision.incident_id == incident.id)
            .order_by(RoutingDecision.id))).scalars()
        offers = (await uow.session.execute(
            select(Dispatch).where(Dispatch.incident_id == incident.id)
            .order_by(Dispatch.offered_at, Dispatch.id))).scalars()
        return {"incident_id": incident.id, "decisions": [decision_view(d) for d in rows],
                "dispatches": [dispatch_view(d) for d in offers]}


def dispatch_view(d: Dispatch) -> dict[str, Any]:
    def iso(v: Any) -> str | None:
        return v.isoformat() if v is not None else None
    return {"id": d.id, "incident_id": d.incident_id, "technician_id": d.technician_id,
            "rank": d.rank, "state": d.state, "channel": d.channel,
            "service_order_id": d.service_order_id, "offered_at": iso(d.offered_at),
            "ack_due_at": iso(d.ack_due_at), "responded_at": iso(d.responded_at),
            "arrived_at": iso(d.arrived_at), "finished_at": iso(d.finished_at),
            "reason": d.reason, "outcome": d.outcome, "eta": iso(d.eta),
            "follow_up_on": iso(d.follow_up_on), "report": d.report, "version": d.version}
