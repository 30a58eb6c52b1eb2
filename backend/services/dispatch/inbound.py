"""HandleTechnicianMessage: what the gateway hands over when a message comes from a
technician (a linked Telegram chat, or the phone on file) — or a `/start CODE` that links
one. Customers' messages are answered `handled: false` and go on to the bot.

Inputs, in order: a button payload `t:<action>:<target>`; on SMS a number among the
choices last offered ("1", "2 sin repuesto" — the rest is the decline reason); /jobs;
anything else is read as the technician's own words (`words`)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain.errors import Conflict
from backend.domain.routing.texts import lang, say
from backend.services.dispatch import closing, finish, questions, words
from backend.services.dispatch.jobs import STEPS
from backend.services.dispatch.offers import deadlocked
from backend.services.dispatch.outbox import PREFIX, tell
from backend.services.dispatch.technicians import Reach, by_address, link_telegram
from backend.services.platform.uow import UnitOfWorkFactory

NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*(.*)$", re.DOTALL)
JOBS_WORDS = {"/jobs", "/trabajos", "jobs", "trabajos"}
DIALOG_ACTIONS = {"part", "none", "yes", "no"}
CHANGED_MEANWHILE = {"es": "otra persona lo cambió a la vez; nada de lo suyo se guardó",
                     "en": "someone else changed it at the same time; your step was not saved"}


def resolve(text: str, data: str | None, prof: TechnicianProfile) -> tuple[str, str, str]:
    """(action, target, argument)."""
    said = (data or text).strip()
    match = NUMBER.match(said)
    # Within a dialogue (hours, parts…) only a bare number picks a choice: "2 x filtro"
    # is a typed part, and a step without buttons (hours) leaves no choices.
    if match and prof.dialog and match.group(2).strip():
        match = None
    if not said.startswith(PREFIX) and match and prof.choices:
        n = int(match.group(1))
        if 1 <= n <= len(prof.choices):
            said, rest = prof.choices[n - 1], match.group(2)
            return (*said[len(PREFIX):].split(":", 1), rest)  # type: ignore[return-value]
    if said.startswith(PREFIX):
        action, _, target = said[len(PREFIX):].partition(":")
        return action, target, ""
    if said.split("@")[0].lower() in JOBS_WORDS:
        return "jobs", "", ""
    return "words", "", said


async def _link(uows: UnitOfWorkFactory, address: str, code: str) -> dict[str, Any] | None:
    async with uows() as uow:
        tech = await link_telegram(uow, code, address)
        if tech is None:
            if await by_address(uow, "telegram", address) is None:
                return None  # a customer's /start: the bot's business
            await uow.outbox.add(kind="technician", channel="telegram", address=address,
                                 text=say("bad_code", "es") + "\n" + say("bad_code", "en"))
            await uow.commit()
            return {"handled": True, "technician_id": None, "linked": False}
        prof = await uow.session.get(TechnicianProfile, tech.id)
        await uow.outbox.add(kind="technician", channel="telegram", address=address,
                             text=say("linked", prof.language if prof else "es",
                                      name=tech.name.split()[0]))
        await uow.commit()
        return {"handled": True, "technician_id": tech.id, "linked": True}


async def technician_message(uows: UnitOfWorkFactory, channel: str, address: str, text: str,
                             data: str | None = None) -> dict[str, Any]:
    words = text.strip().split()
    if channel == "telegram" and len(words) == 2 and words[0].lower() == "/start":
        linked = await _link(uows, address, words[1])
        if linked is not None:
            return linked
    seen: dict[str, str] = {}
    try:
        return await _handle(uows, channel, address, text, data, seen)
    except (Conflict, StaleDataError, DBAPIError) as exc:  # lost a version check or a deadlock
        if isinstance(exc, DBAPIError) and not deadlocked(exc):
            raise
        async with uows() as uow:
            found = await by_address(uow, channel, address)
            if found is not None:
                _, prof = found
                language = lang(prof.language)
                await tell(uow, Reach(channel, address), say(
                    "too_late", language, incident=seen.get("incident", "-"),
                    why=CHANGED_MEANWHILE[language]), language)
                await uow.commit()
        return {"handled": True, "conflict": True}


async def _handle(uows: UnitOfWorkFactory, channel: str, address: str, text: str,
                  data: str | None, seen: dict[str, str]) -> dict[str, Any]:
    close: str | None = None
    async with uows() as uow:
        found = await by_address(uow, channel, address)
        if found is None:
            return {"handled": False}
        tech, prof = found
        to, language = Reach(channel, address), lang(prof.language)
        action, target, arg = resolve(text, data, prof)
        if action in DIALOG_ACTIONS:
            arg = {"part": target, "none": "ninguna", "yes": "yes", "no": "no"}[action]
            target = str((prof.dialog or {}).get("dispatch", target))
        d = await uow.session.get(Dispatch, target) if target else None
        if d is not None:
            seen["incident"] = d.incident_id  # for the reply if this step loses a race
        if action == "jobs":
            await questions.answer(uow, tech, prof, await words.current(uow, tech, prof),
                                   "ask_jobs")
        elif action == "words":
            close = await words.handle(uow, tech, prof, arg)
        elif d is None or d.technician_id != tech.id:
            await tell(uow, to, say("not_yours", language), language, prof=prof)
        elif action in STEPS:
            prof.dialog = None
            await STEPS[action](uow, d, tech, prof, arg)
        elif action == "fin":
            await closing.start(uow, d, tech, prof, "")
        elif prof.dialog and prof.dialog.get("step") == "closing" and await closing.answer(
                uow, d, tech, prof, arg):
            close = d.id
        await uow.commit()
        tech_id = tech.id
    if close is not None:
        await finish.close_job(uows, tech_id, close)
    return {"handled": True, "technician_id": tech_id, "action": action}
