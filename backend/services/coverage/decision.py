"""Coverage of an incident: the domain inputs built from the database, the decision stored on
the incident (when reported, and at closure with the real work), the customer's consent.

`decide_for_incident(uow, incident)` runs inside the caller's unit of work, so reporting a
problem can decide coverage in the same transaction. The conversation-scoped reads decide
(and store) the reported-stage decision themselves when none is stored yet.

Consent: refusing a billable visit cancels the incident (nothing is booked); accepting it is
required before a service order is created for a billable incident.
"""

from __future__ import annotations

from typing import Any

from backend.adapters.orm import CoverageRecord, Customer, Incident
from backend.domain import coverage as c
from backend.domain.incident import State, transition
from backend.domain.language import LANGUAGES
from backend.domain.language import language as known_language
from backend.services.billing.errors import NoPriceList
from backend.services.billing.prices import load_prices, price_basis
from backend.services.contracts.terms import coverage_contract
from backend.services.contracts.versions import contracts_of_equipment
from backend.services.conversations.lookup import verified
from backend.services.coverage.access import own_incident
from backend.services.coverage.records import is_billable, latest, record_of
from backend.services.coverage.usage import usage_for
from backend.services.coverage.views import coverage_view
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import incident_view

NO_EQUIPMENT = c.Equipment("-", warranty_end=None)


async def decide_for_incident(uow: UnitOfWork, incident: Incident, *, stage: str = "reported",
                              work: c.ClosedWork | None = None, incident_type: str | None = None,
                              exclude_order: str | None = None) -> tuple[c.CoverageDecision,
                                                                        CoverageRecord]:
    eq = incident.equipment
    equipment = NO_EQUIPMENT if eq is None else c.Equipment(eq.id, eq.warranty_end)
    data = [] if eq is None else await contracts_of_equipment(uow.session, eq.id, uow.clock())
    contracts = [coverage_contract(d) for d in data]
    moment = incident.created_at
    decision = c.decide_coverage(
        equipment, incident_type=c.IncidentType(incident_type) if incident_type else None,
        moment=moment, service_type=c.ServiceType(incident.service_type), contracts=contracts,
        usage=await usage_for(uow.session, contracts, moment, exclude_order), work=work,
        priority=c.Priority(incident.priority))
    record = record_of(incident.id, stage, decision, incident.priority, incident_type, uow.clock())
    uow.session.add(record)
    await uow.flush()
    return decision, record


async def reported_record(uow: UnitOfWork, incident: Incident) -> CoverageRecord:
    record = await latest(uow.session, incident.id, "reported")
    if record is None:
        _, record = await decide_for_incident(uow, incident)
    return record


async def language_of(uow: UnitOfWork, customer: str, preferred: str | None) -> str:
    """The language asked for, else the customer's, else the company default."""
    if preferred in LANGUAGES:
        return str(preferred)
    row = await uow.session.get(Customer, customer)
    return known_language(row.language if row is not None else None)


async def _view(uow: UnitOfWork, incident: Incident, record: CoverageRecord,
                language: str) -> dict[str, Any]:
    basis = None
    if is_billable(record):
        prices = await load_prices(uow.session, language)
        site = incident.equipment.site if incident.equipment else None
        basis = price_basis(prices, site.zone if site else None)
    return coverage_view(record, language, basis)


async def reported_view(uow: UnitOfWork, incident: Incident, preferred_language: str | None
                        ) -> dict[str, Any]:
    """Coverage of a just-reported incident, decided now, in the customer's language.

    Reporting never fails for want of a price list: the price basis is then left out."""
    record = await reported_record(uow, incident)
    language = await language_of(uow, incident.customer_code, preferred_language)
    try:
        return await _view(uow, incident, record, language)
    except NoPriceList:
        return coverage_view(record, language, None)


async def incident_coverage(uows: UnitOfWorkFactory, cid: str, raw_id: str) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified(uow, cid)
        incident = await own_incident(uow, customer, raw_id)
        record = await latest(uow.session, incident.id) or await reported_record(uow, incident)
        view = await _view(uow, incident, record, await language_of(
            uow, customer, conversation.language))
        await uow.commit()
        return view


async def give_consent(uow: UnitOfWork, incident: Incident, accepted: bool, actor: str,
                       language: str) -> dict[str, Any]:
    record = await reported_record(uow, incident)
    record.consent, record.consent_at = ("accepted" if accepted else "refused"), uow.clock()
    event(uow, incident.id, "consent_accepted" if accepted else "consent_refused", actor)
    if not accepted and is_billable(record):
        previous = incident.state
        incident.state = transition(State(previous), State.CANCELLED).value
        incident.updated_at = uow.clock()
        event(uow, incident.id, "cancelled", actor, from_state=previous, to_state=incident.state,
              note="billable visit refused by the customer")
    await uow.flush()
    view = await _view(uow, incident, record, language)
    await uow.commit()
    return {"coverage": view, "incident": incident_view(incident)}


async def consent(uows: UnitOfWorkFactory, cid: str, raw_id: str, accepted: bool) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified(uow, cid)
        incident = await own_incident(uow, customer, raw_id)
        language = await language_of(uow, customer, conversation.language)
        return await give_consent(uow, incident, accepted, f"conversation:{cid}", language)


async def coverage_for_agents(uows: UnitOfWorkFactory, raw_id: str) -> dict[str, Any]:
    """Every decision stored for an incident, newest first (deciding one when none)."""
    async with uows() as uow:
        incident = await own_incident(uow, None, raw_id)
        record = await reported_record(uow, incident)
        language = await language_of(uow, incident.customer_code, None)
        view = await _view(uow, incident, await latest(uow.session, incident.id) or record,
                           language)
        await uow.commit()
        return view


async def consent_by_agent(uows: UnitOfWorkFactory, raw_id: str, accepted: bool,
                           actor: str) -> dict[str, Any]:
    async with uows() as uow:
        incident = await own_incident(uow, None, raw_id)
        language = await language_of(uow, incident.customer_code, None)
        return await give_consent(uow, incident, accepted, actor, language)
