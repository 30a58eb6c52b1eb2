"""GenerateMaintenance: plans (data/maintenance_plans.yml) open their preventive visits and
continuous-service work items ahead of time — one incident per plan, machine and due date,
never twice — and ask the customer on their preferred channel to choose a slot (buttons,
numbered on SMS; the answer is booked by `maintenance_slots`). Continuous-service contracts
are always covered (coverage domain)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import yaml

from backend.adapters.orm import Contract, Customer, Equipment
from backend.adapters.orm.dispatch import MaintenanceRun
from backend.domain.routing.errors import RoutingError
from backend.domain.routing.plans import Plan, due_now
from backend.domain.routing.texts import lang, say
from backend.paths import data_file
from backend.services.conversations.messages import proactive
from backend.services.dedupe.texts import DISPLAY_TIMEZONE
from backend.services.incidents.alarms import preferred
from backend.services.incidents.records import NewIncident, open_incident
from backend.services.incidents.subscriptions import subscribe
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

PLANS_FILE = data_file("maintenance_plans.yml")


def slot_payload(incident_id: str, day: date, window: str) -> str:
    """The button's payload, the bot's intent `choose_slot` with its entities."""
    entities = {"incident_id": incident_id, "time_slot": f"{day.isoformat()} {window}"}
    return "/choose_slot" + json.dumps(entities, separators=(",", ":"))


def load_plans(text: str) -> list[tuple[Plan, dict[str, str]]]:
    doc = yaml.safe_load(text) or {}
    out = []
    for raw in doc.get("plans") or []:
        try:
            plan = Plan(id=raw["id"], equipment_ids=tuple(raw.get("equipment") or ()),
                        start=date.fromisoformat(str(raw["start"])),
                        contract_id=raw.get("contract"), every_weeks=raw.get("every_weeks"),
                        every_months=raw.get("every_months"), rrule=raw.get("rrule"),
                        lead_days=int(raw.get("lead_days", 14)),
                        service_type=raw.get("service_type", "preventive"),
                        slots=tuple(raw.get("slots") or Plan.slots))
        except (KeyError, TypeError, ValueError) as exc:
            raise RoutingError(f"maintenance plan {raw!r}: {exc}") from exc
        task = raw.get("task") or {"es": "mantenimiento", "en": "maintenance"}
        out.append((plan, task))
    return out


async def _machines(uow: UnitOfWork, plan: Plan) -> list[Equipment]:
    ids = list(plan.equipment_ids)
    if plan.contract_id:
        contract = await uow.session.get(Contract, plan.contract_id)
        if contract is None or contract.state != "active":
            return []
        ids += contract.equipment_ids
    found = [await uow.session.get(Equipment, i) for i in dict.fromkeys(ids)]
    return [eq for eq in found if eq is not None]


async def _generate(uow: UnitOfWork, plan: Plan, task: dict[str, str], eq: Equipment,
                    day: date) -> str:
    now = uow.clock()
    incident = await open_incident(uow, NewIncident(
        customer_code=eq.customer_code,
        symptom=f"{task.get('es')} / {task.get('en')} ({plan.id}, {day.isoformat()})",
        priority="low", service_type=plan.service_type, channel="plan",
        actor=f"plan:{plan.id}", equipment=eq, at=now, note=day.isoformat()))
    uow.session.add(MaintenanceRun(plan_id=plan.id, equipment_id=eq.id, due_on=day,
                                   incident_id=incident.id, created_at=now))
    customer = await uow.session.get(Customer, eq.customer_code)
    where = await preferred(uow, eq.customer_code)
    if customer is not None and where is not None:
        await subscribe(uow, incident.id, where[0], where[1], None)
        language = lang(customer.language)
        text = say("customer_slot", language, task=task.get(language, ""),
                   equipment=f"{eq.model or eq.family} {eq.serial}",
                   day=day.strftime("%d/%m/%Y"), incident=incident.id)
        choices = [{"title": f"{day.strftime('%d/%m')} {slot}",
                    "payload": slot_payload(incident.id, day, slot)} for slot in plan.slots]
        await proactive(uow, "maintenance_slot", where[0], where[1], text, choices)
    return incident.id


async def generate_maintenance(uows: UnitOfWorkFactory, now: datetime,
                               text: str | None = None) -> dict[str, Any]:
    plans = load_plans(text if text is not None else PLANS_FILE.read_text(encoding="utf-8"))
    today = now.astimezone(DISPLAY_TIMEZONE).date()
    created: list[str] = []
    async with uows() as uow:
        for plan, task in plans:
            for eq in await _machines(uow, plan):
                for day in due_now(plan, today):
                    if await uow.session.get(MaintenanceRun, (plan.id, eq.id, day)) is None:
                        created.append(await _generate(uow, plan, task, eq, day))
        await uow.commit()
    return {"created": created}
