"""Outcomes of a visit besides "finished", as the technician reports them in words:

- **delay**: a new arrival time; the customer is told it; the job and its SLA clocks are
  untouched (the response deadline stays what it was — the SLA is honest).
- **follow-up visit**: the day of the return visit; the incident stays open, a new
  service order is planned for that day and the customer told the date.
- **not fixed**: the job goes back to the office (supervisors of the queue alerted,
  incident left open for a specialist); the customer is told.
- **customer absent**: noted, supervisors alerted, customer told; the incident stays open.

None of them resolves the incident or stops an SLA clock."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from backend.adapters.counters import next_number
from backend.adapters.orm import ServiceOrder, Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import technician_text as tt
from backend.domain.routing.texts import lang, say
from backend.services.coverage.access import own_incident
from backend.services.dedupe.texts import DISPLAY_TIMEZONE
from backend.services.dispatch.offers import queue_of
from backend.services.dispatch.outbox import alert_supervisors, tell
from backend.services.dispatch.questions import choices_for
from backend.services.dispatch.technicians import reach
from backend.services.incidents.records import event
from backend.services.incidents.subscriptions import notify
from backend.services.platform.uow import UnitOfWork

DAY_NAMES = {"es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
             "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                    "Sunday")}


def day_words(day: date, language: str) -> str:
    return f"{DAY_NAMES[language][day.weekday()]} {day.strftime('%d/%m')}"


def _now_local(uow: UnitOfWork) -> datetime:
    return uow.clock().astimezone(DISPLAY_TIMEZONE)


async def _reply(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile, kind: str,
                 d: Dispatch | None, **values: object) -> None:
    to = reach(tech, prof)
    if to is not None:
        language = lang(prof.language)
        await tell(uow, to, say(kind, language, **values), language, choices_for(d, language),
                   prof)


async def _tell_customer(uow: UnitOfWork, d: Dispatch, tech: Technician, kind: str,
                         **values: Any) -> int:
    incident = await own_incident(uow, None, d.incident_id)
    name = tech.name.split()[0] if tech.name else tech.id

    def text(language: str | None) -> str:
        language = lang(language)
        shown = {k: v(language) if callable(v) else v for k, v in values.items()}
        return say(kind, language, technician=name, incident=incident.id, **shown)
    return await notify(uow, incident.id, incident.customer_code, kind, text)


async def delay(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                text: str) -> None:
    eta = tt.arrival(tt.prepare(text), _now_local(uow))
    if eta is None:
        prof.dialog = {"dispatch": d.id, "step": "eta"}
        await _reply(uow, tech, prof, "ask_eta", None, incident=d.incident_id)
        return
    prof.dialog = None
    d.outcome, d.eta = "delay", eta
    shown = eta.strftime("%H:%M")
    event(uow, d.incident_id, "technician_delayed", f"technician:{tech.id}",
          note=f"{d.id}: {shown} — {text.strip()[:200]}")
    await _tell_customer(uow, d, tech, "customer_delay", eta=shown)
    await _reply(uow, tech, prof, "delay_noted", d, incident=d.incident_id, eta=shown)


async def _plan_order(uow: UnitOfWork, d: Dispatch, tech: Technician, day: date) -> str:
    so_id = f"SO-{await next_number(uow.session, 'service_order'):05d}"
    uow.session.add(ServiceOrder(id=so_id, incident_id=d.incident_id, technician_id=tech.id,
                                 state="open", created_at=uow.clock(), parts=[], remote=False,
                                 notes=f"follow-up visit {day.isoformat()} ({d.id})"))
    event(uow, d.incident_id, "service_order_created", f"technician:{tech.id}",
          note=f"{so_id} · {day.isoformat()}")
    return so_id


async def follow_up(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                    text: str, said: str = "") -> None:
    day = tt.visit_day(tt.prepare(text), _now_local(uow).date())
    if day is None:
        prof.dialog = {"dispatch": d.id, "step": "day", "said": text.strip()[:300]}
        await _reply(uow, tech, prof, "ask_day", None, incident=d.incident_id)
        return
    prof.dialog = None
    so_id = await _plan_order(uow, d, tech, day)
    d.outcome, d.follow_up_on, d.state = "follow_up", day, "follow_up"
    d.finished_at = uow.clock()
    d.report = {"said": f"{said} {text}".strip()[:500], "order": so_id}
    event(uow, d.incident_id, "follow_up_planned", f"technician:{tech.id}",
          note=f"{d.id}: {day.isoformat()} → {so_id}")
    await _tell_customer(uow, d, tech, "customer_follow_up",
                         day=lambda language: day_words(day, language))
    await _reply(uow, tech, prof, "follow_up_noted", None, incident=d.incident_id,
                 day=day_words(day, lang(prof.language)), order=so_id)


async def _to_office(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                     text: str, outcome: str) -> None:
    prof.dialog = None
    d.outcome, d.state, d.finished_at = outcome, outcome, uow.clock()
    d.report = {"said": text.strip()[:500]}
    event(uow, d.incident_id, f"technician_{outcome}", f"technician:{tech.id}",
          note=f"{d.id}: {text.strip()[:200]}")
    _, queue = await queue_of(uow, d.incident_id)
    await alert_supervisors(uow, queue, f"supervisor_{outcome}", technician=tech.id,
                            incident=d.incident_id, said=text.strip()[:200])


async def not_fixed(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                    text: str) -> None:
    await _to_office(uow, d, tech, prof, text, "not_fixed")
    await _tell_customer(uow, d, tech, "customer_not_fixed")
    await _reply(uow, tech, prof, "not_fixed_noted", None, incident=d.incident_id)


async def absent(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                 text: str) -> None:
    if d.arrived_at is None:
        d.arrived_at = uow.clock()
    await _to_office(uow, d, tech, prof, text, "absent")
    await _tell_customer(uow, d, tech, "customer_absent")
    await _reply(uow, tech, prof, "absent_noted", None, incident=d.incident_id)
