"""Checked records → rows, as upserts: a second run of the same files changes nothing.

Contacts are matched by customer and name; an incident by its own number (its INC id is
given once, on the first import); its imported history, visits and parts are replaced by
the file's (what Avisa added since is kept)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.counters import next_number
from backend.adapters.orm import (
    Contact,
    Customer,
    Equipment,
    Incident,
    IncidentEvent,
    IncidentPart,
    IncidentVisit,
    Site,
    Technician,
)
from backend.adapters.orm.dispatch import Dispatch
from backend.domain.incident import ServiceType
from backend.services.incidents.records import NewIncident, event, open_incident
from backend.services.platform.demo_load import save_contract
from backend.services.platform.imports.check import Plan
from backend.services.platform.uow import UnitOfWork

SOURCE = "import"
# an imported offer nobody accepted yet stays open this long before the usual escalation
OFFER_KEPT = timedelta(days=7)
ACTOR = "import"


async def write(uow: UnitOfWork, plan: Plan, now: datetime) -> dict[str, int]:
    session, r = uow.session, plan.records
    for _, c in r["customers"]:
        await session.merge(Customer(**c))
    await session.flush()
    for _, s in r["sites"]:
        await session.merge(Site(customer_code=s.pop("customer"), **s))
    for _, c in r["contacts"]:
        await _contact(session, c)
    await session.flush()
    for _, e in r["equipment"]:
        await session.merge(Equipment(customer_code=e.pop("customer"), site_id=e.pop("site"),
                                      **e))
    for _, t in r["technicians"]:
        await session.merge(Technician(**t))
    await session.flush()
    for _, c in r["contracts"]:
        await save_contract(session, c, now)
    ids = {i["number"]: await _incident(uow, i, now) for _, i in r["incidents"]}
    await session.flush()
    ids |= await _known(session, {rec["incident"] for kind in ("history", "visits", "parts")
                                  for _, rec in r[kind]} - set(ids))
    await _replace_plans(uow, plan, ids, now)
    return {kind: len(rows) for kind, rows in r.items() if rows}


async def _contact(session: AsyncSession, c: dict[str, Any]) -> None:
    customer = c.pop("customer")
    found = (await session.execute(select(Contact).where(
        Contact.customer_code == customer,
        func.lower(Contact.name) == c["name"].lower()))).scalars().first()
    c["preferred"] = bool(c["preferred"])
    if found is None:
        session.add(Contact(customer_code=customer, **c))
        return
    for name, value in c.items():
        if value is not None or name not in ("telegram_id",):  # a linked chat id is kept
            setattr(found, name, value)


async def _incident(uow: UnitOfWork, i: dict[str, Any], now: datetime) -> str:
    session = uow.session
    found = (await session.execute(select(Incident).where(
        Incident.reference == i["number"]))).scalar_one_or_none()
    equipment = await session.get(Equipment, i["equipment"]) if i["equipment"] else None
    service_type = i["service_type"] or ServiceType.CORRECTIVE.value
    if found is None:
        found = await open_incident(uow, NewIncident(
            customer_code=i["customer"], symptom=i["symptom"], priority=i["priority"],
            service_type=service_type, channel=SOURCE, actor=ACTOR, equipment=equipment,
            at=i["opened_at"], note=f"imported as {i['number']}", state=i["state"],
            reference=i["number"], site_id=i["site"], opened_as="imported"))
        found.updated_at = now
    else:
        values = {
            "customer_code": i["customer"], "equipment_id": i["equipment"],
            "site_id": i["site"] or (equipment.site_id if equipment else None),
            "symptom": i["symptom"], "priority": i["priority"], "state": i["state"],
            "service_type": service_type, "created_at": i["opened_at"],
        }
        if any(getattr(found, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(found, name, value)
            found.updated_at = now
    if i["technician"] is not None:
        await _dispatch(session, found, i["technician"], bool(i["technician_accepted"]), now)
    return found.id


async def _dispatch(session: AsyncSession, incident: Incident, technician: str,
                    accepted: bool, now: datetime) -> None:
    """The old system's assignment, as an offer: accepted or still waiting for an answer."""
    state = "accepted" if accepted else "offered"
    current = (await session.execute(select(Dispatch).where(
        Dispatch.incident_id == incident.id, Dispatch.technician_id == technician,
        Dispatch.channel == SOURCE))).scalars().first()
    if current is not None:
        if current.state in ("offered", "accepted") and current.state != state:
            current.state, current.responded_at = state, now if accepted else None
        return
    number = await next_number(session, "dispatch")
    session.add(Dispatch(id=f"DSP-{number:05d}", incident_id=incident.id,
                         technician_id=technician, rank=1, state=state, channel=SOURCE,
                         offered_at=incident.created_at, ack_due_at=now + OFFER_KEPT,
                         responded_at=now if accepted else None))


async def _known(session: AsyncSession, numbers: set[str]) -> dict[str, str]:
    if not numbers:
        return {}
    rows = await session.execute(select(Incident.reference, Incident.id).where(
        Incident.reference.in_(numbers)))
    return {ref: iid for ref, iid in rows.tuples() if ref}


async def _replace_plans(uow: UnitOfWork, plan: Plan, ids: dict[str, str],
                         now: datetime) -> None:
    session, r = uow.session, plan.records
    touched = sorted({ids[rec["incident"]] for kind in ("history", "visits", "parts")
                      for _, rec in r[kind]})
    for table in (IncidentVisit, IncidentPart):
        await session.execute(delete(table).where(table.incident_id.in_(touched),
                                                  table.source == SOURCE))
    await session.execute(delete(IncidentEvent).where(
        IncidentEvent.incident_id.in_(touched), IncidentEvent.kind == "history"))
    for _, h in r["history"]:
        event(uow, ids[h["incident"]], "history", h["actor"] or ACTOR, note=h["note"],
              at=h["at"])
    for _, v in r["visits"]:
        session.add(IncidentVisit(incident_id=ids[v["incident"]], technician_id=v["technician"],
                                  starts_at=v["starts_at"], ends_at=v["ends_at"],
                                  state=v["state"] or "booked", note=v["note"], source=SOURCE,
                                  created_at=now))
    for _, p in r["parts"]:
        session.add(IncidentPart(incident_id=ids[p["incident"]], part_number=p["part_number"],
                                 description=p["description"],
                                 quantity=p["quantity"] or Decimal(1),
                                 state=p["state"] or "ordered", ordered_on=p["ordered_on"],
                                 expected_on=p["expected_on"], source=SOURCE, created_at=now))
