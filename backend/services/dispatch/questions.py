"""What a technician may ask at any time, answered in their language: the job's site
address, contact person and phone, time window and SLA deadline; the list of their jobs;
the next job; help. Every answer ends with the choices of the job's current step, so an
SMS technician can always go on with a number or a word."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Contact, Customer, Technician
from backend.adapters.orm.dispatch import Dispatch, SlaTimerRow, TechnicianProfile
from backend.domain.routing.texts import lang, say
from backend.domain.routing.texts_field import word
from backend.services.coverage.access import own_incident
from backend.services.dispatch.outbox import buttons, local, payload, tell
from backend.services.dispatch.routing import BUSY
from backend.services.dispatch.technicians import reach
from backend.services.platform.uow import UnitOfWork

# the choices of each state of a job: (button, payload action)
STEP_CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "offered": (("accept", "acc"), ("decline", "dec")),
    "accepted": (("on_the_way", "way"),),
    "on_the_way": (("arrived", "arr"),),
    "arrived": (("finish", "fin"),),
}
QUESTION_ORDER = ("ask_address", "ask_contact", "ask_jobs", "ask_next", "help")


def choices_for(d: Dispatch | None, language: str) -> list[dict[str, Any]]:
    if d is None:
        return []
    return buttons(language, *((k, payload(a, d.id)) for k, a in STEP_CHOICES.get(d.state, ())))


async def busy_jobs(uow: UnitOfWork, tech_id: str) -> list[Dispatch]:
    return list((await uow.session.execute(select(Dispatch).where(
        Dispatch.technician_id == tech_id, Dispatch.state.in_(BUSY))
        .order_by(Dispatch.offered_at, Dispatch.id))).scalars())


async def detail(uow: UnitOfWork, d: Dispatch, language: str) -> str:
    incident = await own_incident(uow, None, d.incident_id)
    customer = await uow.session.get(Customer, incident.customer_code)
    eq = incident.equipment
    site = eq.site if eq else None
    address = ", ".join(x for x in (site.name if site else None, site.address if site else None,
                                    site.city if site else None) if x) or "-"
    contact = (await uow.session.execute(select(Contact).where(
        Contact.customer_code == incident.customer_code)
        .order_by(Contact.preferred.desc(), Contact.id))).scalars().first()
    timers = {t.kind: t for t in (await uow.session.execute(select(SlaTimerRow).where(
        SlaTimerRow.incident_id == incident.id))).scalars()}
    response, resolution = timers.get("response"), timers.get("resolution")
    window = (say("eta_window", language, eta=local(d.eta)) if d.eta else
              local(response.due_at) if response and response.met_at is None else
              local(d.ack_due_at) if d.state == "offered" else "-")
    return say("job_detail", language, incident=incident.id,
               customer=customer.name if customer else incident.customer_code,
               address=address,
               contact=f"{contact.name} {contact.phone or ''}".strip() if contact else "-",
               window=window, deadline=local(resolution.due_at) if resolution else "-",
               state=word(d.state, language))


async def answer(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile,
                 d: Dispatch | None, what: str) -> None:
    language = lang(prof.language)
    to = reach(tech, prof)
    if to is None:
        return
    if what == "ask_jobs":
        jobs = await busy_jobs(uow, tech.id)
        text = say("jobs", language, lines="\n\n".join(
            [await detail(uow, j, language) for j in jobs])) if jobs else say("no_jobs", language)
    elif what == "ask_next":
        jobs = [j for j in await busy_jobs(uow, tech.id) if d is None or j.id != d.id]
        text = say("next_job", language, detail=await detail(uow, jobs[0], language)) \
            if jobs else say("no_jobs", language)
    elif what == "help":
        text = say("help", language)
    elif d is None:
        text = say("no_active", language)
    else:
        text = await detail(uow, d, language)
    await tell(uow, to, text, language, choices_for(d, language), prof)


async def not_understood(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile,
                         d: Dispatch | None) -> None:
    """An unclear message: say so, and offer the current job's choices again."""
    language = lang(prof.language)
    to = reach(tech, prof)
    if to is None:
        return
    if d is None:
        await tell(uow, to, say("not_understood", language) + " " + say("no_active", language),
                   language, [], prof)
        return
    text = say("not_understood", language) + " " + say(
        "choices_now", language, incident=d.incident_id, state=word(d.state, language))
    await tell(uow, to, text + "\n" + say("help_short", language), language,
               choices_for(d, language), prof)
