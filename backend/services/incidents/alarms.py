"""ReceiveAlarm (inductive service): a machine or monitoring system reports an alarm for an
equipment (by id or serial). It opens an inductive incident — or counts on the open one of
the same equipment and code — and the customer is told on their preferred channel; a
recovery resolves it. `open_alarms` (primary key equipment/code) allows one open incident
per machine and code even under concurrent requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from backend.adapters.orm import Contact, Equipment, Incident
from backend.adapters.orm.dispatch import AlarmEvent, OpenAlarmRow
from backend.domain.errors import Conflict, InvalidRequest, UnknownEquipment
from backend.domain.incident import State
from backend.domain.routing import alarms as a
from backend.domain.routing.texts import say
from backend.services.dispatch.offers import active_dispatch, on_incident_created, withdraw
from backend.services.incidents.records import NewIncident, event, open_incident
from backend.services.incidents.subscriptions import notify, subscribe
from backend.services.platform.uow import IntegrityError, UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import incident_view


@dataclass(frozen=True)
class ReceiveAlarm:
    source: str
    equipment: str  # id (EQ-0001) or serial
    code: str
    severity: str
    at: datetime
    recovery: bool = False
    text: str | None = None


async def preferred(uow: UnitOfWork, customer: str) -> tuple[str, str] | None:
    """The customer's preferred contact's Telegram, else phone (SMS), else e-mail."""
    contacts = (await uow.session.execute(select(Contact).where(
        Contact.customer_code == customer).order_by(Contact.preferred.desc(), Contact.id))
    ).scalars()
    for contact in contacts:
        for channel, address in (("telegram", contact.telegram_id), ("sms", contact.phone),
                                 ("email", contact.email)):
            if address:
                return channel, address
    return None


async def _open(uow: UnitOfWork, eq: Equipment, cmd: ReceiveAlarm, key: str) -> Incident:
    incident = await open_incident(uow, NewIncident(
        customer_code=eq.customer_code,
        symptom=cmd.text or f"alarm {cmd.code} ({cmd.severity}) from {cmd.source}",
        priority=a.PRIORITY_OF[cmd.severity], service_type="inductive", channel="alert",
        actor=f"alert:{cmd.source}", equipment=eq, note=cmd.code))
    uow.session.add(OpenAlarmRow(key=key, incident_id=incident.id, count=1, first_at=cmd.at,
                                 last_at=cmd.at))
    await uow.flush()
    where = await preferred(uow, eq.customer_code)
    if where is not None:
        await subscribe(uow, incident.id, where[0], where[1], None)
        await notify(uow, incident.id, eq.customer_code, "alarm_detected", lambda lang: say(
            "customer_alarm", lang, equipment=f"{eq.model or eq.family} {eq.serial}",
            code=cmd.code, incident=incident.id))
    incident.equipment = eq
    return incident


async def _step(uow: UnitOfWork, cmd: ReceiveAlarm) -> tuple[a.Step, Incident | None]:
    eq = (await uow.session.execute(select(Equipment).where(or_(
        Equipment.id == cmd.equipment, Equipment.serial == cmd.equipment)))).scalars().first()
    if eq is None:
        raise UnknownEquipment(f"no equipment {cmd.equipment!r}", equipment=cmd.equipment)
    key = a.key(eq.id, cmd.code)
    row = await uow.session.get(OpenAlarmRow, key, with_for_update=True)
    current = a.OpenAlarm(row.incident_id, row.count, row.last_at) if row else None
    step = a.step(current, cmd.at, cmd.recovery)
    incident = await uow.session.get(Incident, row.incident_id) if row else None
    if step is a.Step.OPEN:
        incident = await _open(uow, eq, cmd, key)
    elif row is not None and incident is not None and step in (a.Step.COUNT, a.Step.REPEAT):
        row.count, row.last_at = row.count + 1, max(row.last_at, cmd.at)
        if step is a.Step.REPEAT:
            event(uow, incident.id, "alarm_repeated", f"alert:{cmd.source}",
                  note=f"{cmd.code} x{row.count}")
    elif row is not None and incident is not None and step is a.Step.RESOLVE:
        await uow.session.delete(row)
        if incident.state not in ("resolved", "closed", "cancelled"):
            previous = incident.state
            incident.state = State.RESOLVED.value  # the machine cleared it by itself
            active = await active_dispatch(uow, incident.id)
            if active is not None:
                await withdraw(uow, active, "alarm recovered / alarma recuperada")
            incident.updated_at = uow.clock()
            event(uow, incident.id, "alarm_recovered", f"alert:{cmd.source}",
                  from_state=previous, to_state=incident.state, note=cmd.code)
        await notify(uow, incident.id, incident.customer_code, "alarm_recovered", lambda lang: say(
            "customer_recovered", lang, equipment=eq.serial, code=cmd.code, incident=incident.id))
    uow.session.add(AlarmEvent(source=cmd.source, equipment_id=eq.id, code=cmd.code.upper(),
                               severity=cmd.severity, at=cmd.at, received_at=uow.clock(),
                               recovery=cmd.recovery, step=step.value,
                               incident_id=incident.id if incident else None))
    return step, incident


async def receive_alarm(uows: UnitOfWorkFactory, cmd: ReceiveAlarm) -> dict[str, Any]:
    if cmd.severity not in a.SEVERITIES:
        raise InvalidRequest(f"severity is one of {', '.join(a.SEVERITIES)}", field="severity")
    async def work(uow: UnitOfWork) -> tuple[a.Step, dict[str, Any] | None]:
        step, incident = await _step(uow, cmd)
        return step, incident_view(incident) if incident else None

    # two first alarms at once: the loser counts on the winner's
    step, view = await uows.retried(work, retry_on=(IntegrityError, Conflict))
    result = {"step": step.value, "incident": view}
    if step is a.Step.OPEN and view is not None:
        await on_incident_created(uows, {**view, "outcome": "created"})
    return result
