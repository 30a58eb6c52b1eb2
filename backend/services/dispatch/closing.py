"""Closing a job in the technician's words: hours, km and parts read from one message or
several, in any order ("listo, 2h y media, cambiado el presostato, 35 km" or "1.5 hrs",
"forty km", "1x PS-220 pressure switch"); what is missing is asked for; a summary is
confirmed ("sí" / "yes") or corrected ("no, fueron 3h") before `finish.close_job` closes
the order. The dialogue lives in the technician profile's `dialog`."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from backend.adapters.orm import Technician
from backend.adapters.orm.dispatch import Dispatch, TechnicianProfile
from backend.domain import technician_text as tt
from backend.domain.parts import NONE_WORDS, UnreadablePart, parse_parts
from backend.domain.routing.texts import lang, say
from backend.services.billing.prices import load_prices
from backend.services.coverage.access import own_incident
from backend.services.dispatch.outbox import buttons, payload, tell
from backend.services.dispatch.technicians import reach
from backend.services.platform.uow import UnitOfWork

FIELDS = ("hours", "km", "parts")
LINKED = re.compile(r"\s(?:y|and|e|plus)\s|^(?:he |hemos )?(?:cambi|sustitu|replac|chang|fitt|"
                    r"new |nuev|puse|pus|mont|instal)")
MAX_PART_BUTTONS = 5
FIRST_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
NO_PARTS_SAID = re.compile(r"\b(?:sin (?:piezas|repuestos|material|recambios)|no parts(?: used)?|"
                           r"no spares|nothing replaced|no he cambiado nada|ninguna pieza|"
                           r"sin cambiar nada|no (?:he )?usad[oa] (?:piezas|nada)|"
                           r"no parts needed|no materials?)\b")
NO_PARTS = re.compile(r"^(?:no|sin|none|nothing|nada|ninguna|ninguno|zero|0|ni una|no hizo falta|"
                      r"didn'?t need|no need)\b[^\d]{0,40}$")
ASK = {"hours": "ask_hours_free", "km": "ask_km", "parts": "ask_parts_free"}


async def catalogue(uow: UnitOfWork, d: Dispatch) -> list[tt.Item]:
    incident = await own_incident(uow, None, d.incident_id)
    family = incident.equipment.family if incident.equipment else None
    prices = await load_prices(uow.session, "es")
    return [tt.Item(str(i["part_number"]), tuple(tt.fold(str(v)) for v in
                                                 (i.get("description") or {}).values()))
            for i in prices.document.get("parts") or [] if i.get("family") == family]


async def _part_buttons(uow: UnitOfWork, d: Dispatch, language: str) -> list[dict[str, Any]]:
    """The price list's parts for the equipment's family as buttons, and "none"."""
    prices = await load_prices(uow.session, language)
    choices = [{"title": f"{i.part_number} · {prices.prices.parts[i.part_number].description}"
                [:60], "payload": payload("part", i.part_number)}
               for i in (await catalogue(uow, d))[:MAX_PART_BUTTONS]]
    return [*choices, *buttons(language, ("none", payload("none", d.id)))]


def _cut(text: str, *spans: tt.amounts.Found | None) -> str:
    for span in sorted((s for s in spans if s is not None), key=lambda s: -s.start):
        text = text[:span.start] + " , " + text[span.end:]
    return text


def typed(text: str, items: list[tt.Item], language: str) -> list[dict[str, Any]] | None:
    """A parts list typed the way `backend.domain.parts` reads it ("REF x 2", "2 x filtro
    hidráulico 35,50", "correa (sin precio)"), or None when it reads as a sentence."""
    if LINKED.search(tt.fold(text)):
        return None
    try:
        parts = parse_parts(text, [i.part_number for i in items], language)
    except UnreadablePart:
        return None
    return [{"part_number": t.part_number, "words": t.description or t.part_number,
             "quantity": str(t.quantity), "unit": t.unit,
             "unit_price": None if t.unit_price is None else str(t.unit_price)} for t in parts]


def read(text: str, asked: str | None, items: list[tt.Item], language: str = "es"
         ) -> dict[str, Any]:
    """The values in one message: hours, km, parts (stored form) — only those present."""
    p = tt.prepare(text)
    found: dict[str, Any] = {}
    h, k = tt.hours(p), tt.km(p)
    bare = tt.bare_number(p)
    first = FIRST_NUMBER.search(p)  # "fueron 3", "ida y vuelta 40": the number asked for
    if bare is None and first is not None and asked in ("hours", "km") and h is None \
            and k is None and len(FIRST_NUMBER.findall(p)) == 1:
        bare = Decimal(first[0].replace(",", "."))
    if h is not None:
        found["hours"] = str(h.value)
    elif asked == "hours" and bare is not None and Decimal(0) < bare <= 24:
        found["hours"] = str(bare)
    if k is not None:
        found["km"] = str(k.value)
    elif asked == "km" and bare is not None:
        found["km"] = str(bare)
    elif asked == "km" and p.strip(" .!") in NONE_WORDS:
        found["km"] = "0"
    rest = _cut(p, h, k)
    if NO_PARTS_SAID.search(p) or (asked == "parts" and (p.strip(" .!") in NONE_WORDS
                                                         or NO_PARTS.match(p))):
        found["parts"] = []
    elif asked == "parts" and not found and (listed := typed(text, items, language)):
        found["parts"] = listed
    elif bare is None:
        named = tt.named_parts(rest, items, expecting=asked == "parts" and not found)
        if named:
            found["parts"] = [{"part_number": n.part_number, "words": n.words,
                               "quantity": str(n.quantity)} for n in named]
    return found


def _listed(parts: list[dict[str, str | None]], language: str) -> str:
    def one(p: dict[str, str | None]) -> str:
        if p.get("part_number"):
            return f"{p['part_number']} x{p['quantity']}"
        unit = f" {p['unit']}" if p.get("unit") else ""
        price = f"{p['unit_price']} €" if p.get("unit_price") else say("part_price_pending",
                                                                       language)
        return f"{p['words']} x{p['quantity']}{unit} · {price}"
    return ", ".join(one(p) for p in parts) or "-"


async def _say(uow: UnitOfWork, tech: Technician, prof: TechnicianProfile, kind: str,
               choices: list[dict[str, Any]] | None = None, **values: object) -> None:
    to = reach(tech, prof)
    if to is not None:
        language = lang(prof.language)
        await tell(uow, to, say(kind, language, **values), language, choices, prof)


async def _next(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                dialog: dict[str, Any]) -> None:
    missing = next((f for f in FIELDS if f not in dialog), None)
    prof.dialog = dialog | {"asked": missing or "confirm"}
    if missing is not None:
        choices = await _part_buttons(uow, d, lang(prof.language)) if missing == "parts" else None
        await _say(uow, tech, prof, ASK[missing], choices, incident=d.incident_id)
        return
    language = lang(prof.language)
    await _say(uow, tech, prof, "summary", buttons(language, ("yes", payload("yes", d.id)),
                                                   ("no", payload("no", d.id))),
               incident=d.incident_id, hours=dialog["hours"], km=dialog["km"],
               parts=_listed(dialog["parts"], language), notes=dialog.get("notes") or "-")


async def start(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                text: str) -> None:
    if d.state not in ("on_the_way", "arrived"):
        await _say(uow, tech, prof, "too_late", incident=d.incident_id,
                   why=say("not_yours", lang(prof.language)))
        return
    if d.arrived_at is None:
        d.arrived_at = uow.clock()
    dialog: dict[str, Any] = {"dispatch": d.id, "step": "closing"}
    dialog |= read(text, None, await catalogue(uow, d)) if text else {}
    await _next(uow, d, tech, prof, dialog)


async def answer(uow: UnitOfWork, d: Dispatch, tech: Technician, prof: TechnicianProfile,
                 text: str) -> bool:
    """One message inside the closing dialogue; True when the technician confirmed."""
    dialog = dict(prof.dialog or {})
    asked = dialog.get("asked")
    if text in ("yes", "no"):  # the summary's buttons
        found: dict[str, Any] = {}
        said = tt.intents(text)
    else:
        found = read(text, asked, await catalogue(uow, d), lang(prof.language))
        said = tt.intents(tt.prepare(text))
    if found:
        await _next(uow, d, tech, prof, dialog | found)
        return False
    if asked == "confirm" and "yes" in said and "no" not in said:
        return True
    if asked == "confirm" and len(text.split()) >= 3 and not tt.is_question(text) \
            and "no" not in said:
        dialog["notes"] = ((dialog.get("notes") or "") + " " + text.strip()).strip()[:500]
    await _next(uow, d, tech, prof, dialog)
    return False


def part_lines(dialog: dict[str, Any]) -> list[dict[str, Any]]:
    return list(dialog.get("parts") or [])
