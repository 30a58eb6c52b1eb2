"""A technician's message in their own words (no button, no number among the choices):
an answer inside a dialogue (closing, decline reason, arrival time, return day), or an
intent read by `backend.domain.technician_text` for the job's current state — a step
(accept, decline with its reason, on my way, arrived, finish), an outcome (delay,
follow-up, not fixed, customer absent) or a question. Anything else is answered with the
job's current choices again: nobody is left without a way forward."""

from __future__ import annotations

from sqlalchemy import select

from backend.adapters.orm import Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import technician_text as tt
from backend.domain.routing.texts import lang, say
from backend.domain.routing.texts_field import word
from backend.services.dispatch import closing, jobs, outcomes, questions
from backend.services.dispatch.outbox import tell
from backend.services.dispatch.routing import BUSY
from backend.services.dispatch.technicians import reach
from backend.services.platform.uow import UnitOfWork

OUTCOMES = {"delay": outcomes.delay, "follow_up": outcomes.follow_up,
            "not_fixed": outcomes.not_fixed, "absent": outcomes.absent}
REASON_WORDS = 3  # "no puedo" alone is no reason; "no puedo, estoy en Getafe" is


async def current(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile
                  ) -> Dispatch | None:
    if prof.dialog and prof.dialog.get("dispatch"):
        found = await uow.session.get(Dispatch, str(prof.dialog["dispatch"]))
        if found is not None and found.technician_id == tech.id and (
                found.state in BUSY or prof.dialog.get("step") == "reason"):
            return found
        prof.dialog = None  # the job was reassigned or closed meanwhile
    busy = await questions.busy_jobs(uow, tech.id)
    return busy[-1] if busy else None


async def _last(uow: UnitOfWork, tech: Technician) -> Dispatch | None:
    return (await uow.session.execute(select(Dispatch).where(
        Dispatch.technician_id == tech.id).order_by(Dispatch.offered_at.desc(),
                                                    Dispatch.id.desc()))).scalars().first()


async def _dialog(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                  text: str) -> bool | None:
    """An answer inside a dialogue: True to close the job, False done, None not handled."""
    step = (prof.dialog or {}).get("step")
    p = tt.prepare(text)
    found = tt.intents(p)
    asked = questions_asked(found, p)
    if step == "reason":
        prof.dialog = None
        if asked:
            return None
        d.reason = text.strip()[:500]
        language = lang(prof.language)
        to = reach(tech, prof)
        if to is not None:
            await tell(uow, to, say("reason_kept", language, reason=d.reason), language, [],
                       prof)
        return False
    if step == "closing":
        if found & {"not_fixed", "follow_up", "absent"} and tt.hours(p) is None:
            prof.dialog = None
            return None
        if asked and not closing.read(text, None, []):
            await questions.answer(uow, tech, prof, d, asked)
            return False
        return await closing.answer(uow, d, tech, prof, text)
    if step == "eta":
        if asked:
            return None
        await outcomes.delay(uow, d, tech, prof, text)
        return False
    if step == "day":
        if asked:
            return None
        said = str((prof.dialog or {}).get("said") or "")
        await outcomes.follow_up(uow, d, tech, prof, text, said)
        return False
    prof.dialog = None
    return None


def questions_asked(found: frozenset[str], p: str) -> str | None:
    return next((q for q in questions.QUESTION_ORDER if q in found), None)


async def handle(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile, text: str
                 ) -> str | None:
    """The id of a job to close once this unit of work commits, or None."""
    d = await current(uow, tech, prof)
    if d is not None and prof.dialog:
        done = await _dialog(uow, d, tech, prof, text)
        if done is not None:
            return d.id if done else None
        d = await current(uow, tech, prof)
    p = tt.prepare(text)
    found = tt.intents(p)
    if d is None:
        asked = questions_asked(found, p)
        last = await _last(uow, tech)
        if asked:
            await questions.answer(uow, tech, prof, None, asked)
        elif last is not None and last.state not in ("offered", "accepted", "on_the_way",
                                                      "arrived"):
            language = lang(prof.language)
            to = reach(tech, prof)
            if to is not None:
                await tell(uow, to, say("already_done", language, incident=last.incident_id,
                                        state=word(last.state, language)), language, [], prof)
        else:
            await questions.not_understood(uow, tech, prof, None)
        return None
    intent = tt.pick(found, d.state, tt.is_question(p))
    if intent in questions.QUESTION_ORDER:
        await questions.answer(uow, tech, prof, d, intent)
    elif intent == "decline":
        reason = text.strip() if len(p.split()) >= REASON_WORDS else ""
        await jobs.decline(uow, d, tech, prof, reason)
    elif intent == "accept":
        await jobs.accept(uow, d, tech, prof, "")
    elif intent == "way":
        await jobs.on_the_way(uow, d, tech, prof, "")
    elif intent == "arrived":
        if d.state == "accepted":
            await jobs.on_the_way(uow, d, tech, prof, "")
        await jobs.arrived(uow, d, tech, prof, "")
    elif intent == "finish":
        if d.state == "accepted":  # finished without saying they went: the steps first
            await jobs.on_the_way(uow, d, tech, prof, "")
            await jobs.arrived(uow, d, tech, prof, "")
        await closing.start(uow, d, tech, prof, text)
    elif intent in OUTCOMES:
        await OUTCOMES[intent](uow, d, tech, prof, text)
    else:
        await questions.not_understood(uow, tech, prof, d)
    return None
