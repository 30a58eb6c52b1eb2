"""Telling a technician about their job and the customer about progress."""

from __future__ import annotations

from backend.adapters.orm import Incident, Technician
from backend.adapters.orm.dispatch import Dispatch
from backend.domain import texts as customer_texts
from backend.domain.routing.texts import lang, say
from backend.domain.routing.texts_field import WORDS, word
from backend.services.dedupe.texts import short_name
from backend.services.dispatch.outbox import buttons, payload, tell
from backend.services.dispatch.technicians import profile, reach
from backend.services.incidents.subscriptions import notify
from backend.services.platform.uow import UnitOfWork

# after each step, the button(s) for the next one
NEXT_STEP: dict[str, tuple[tuple[str, str], ...]] = {
    "accepted": (("on_the_way", "way"),),
    "on_the_way": (("arrived", "arr"),),
    "arrived": (("finish", "fin"),),
}


async def to_technician(uow: UnitOfWork, d: Dispatch, kind: str, *,
                        step: str | None = None, **values: object) -> None:
    tech = await uow.session.get(Technician, d.technician_id)
    if tech is None:
        return
    prof = await profile(uow, tech.id)
    to = reach(tech, prof)
    if to is None:
        return
    language = lang(prof.language)
    if isinstance(values.get("why"), str) and values["why"] in WORDS:  # states said in words
        values["why"] = word(str(values["why"]), language)
    choices = buttons(language, *((k, payload(a, d.id)) for k, a in NEXT_STEP.get(step or "", ())))
    await tell(uow, to, say(kind, language, incident=d.incident_id, **values), language,
               choices, prof)


async def too_late(uow: UnitOfWork, d: Dispatch, why: str) -> None:
    await to_technician(uow, d, "too_late", why=why)


async def customer(uow: UnitOfWork, incident: Incident, kind: str, technician: Technician
                   ) -> int:
    """The incident's reporters, each on their own channel and language."""
    name = short_name(technician.name)
    if kind == "incident_assigned":
        def text(language: str | None) -> str:
            return customer_texts.say("incident_assigned", language, technician=name,
                                      incident=incident.id)
    else:
        def text(language: str | None) -> str:
            return say(kind, language or "es", technician=name, incident=incident.id)
    return await notify(uow, incident.id, incident.customer_code, kind, text)
