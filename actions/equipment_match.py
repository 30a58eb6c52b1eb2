"""Finding the customer's equipment from what they typed (pure functions, no I/O).

Accepted, in this order: the equipment id (button payloads), the serial number
(any spacing or dashes), then words of the model / description / family
("the compressor", "la fotocopiadora de la oficina") when they point to exactly one — of
the whole message, else of its first sentence that does ("CRAH 1 in hall 1 is alarming.
racks 12-13 running hot" is about the CRAH). Clauses denying a machine ("no es la de la
linea 1", "el A07 va bien") are left out first (actions/corrections.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from actions.corrections import affirmed, denied, says_sorry
from actions.parsing import fold, normalize_serial, words

Equipment = dict[str, Any]
_FAMILY_WORDS: dict[str, str] = {
    "copier": "fotocopiadora copiadora impresora printer",
    "compressor": "compresor",
    "hvac": "climatizacion aire acondicionado clima air conditioning",
    "forklift": "carretilla elevadora toro forklift truck",
    "packaging_line": "envasadora linea envasado packaging line",
    "vending": "expendedora maquina vending",
    "server": "servidor",
    "refrigeration": "frigorifico nevera camara frigorifica fridge freezer",
}
# Articles, and words any machine is ("las maquinas de manutencion" names none of them).
_STOP = frozenset(
    ["the", "la", "el", "de", "del", "los", "las", "una", "uno", "one", "our", "nuestra",
     "nuestro", "que", "and", "for", "with", "from", "con", "por", "para", "desde",
     "maquina", "maquinas", "equipo", "equipos", "machine", "machines", "aparato", "aparatos",
     "unit", "units",
     # a count is no name ("Two things at the hotel" is not the "two-door" fridge)
     "two", "three", "four", "dos", "tres", "cuatro", "things", "cosas"]
)


def match_equipment(text: str, items: Sequence[Equipment]) -> Equipment | None:
    """The one item ``text`` designates, or None (no match, or ambiguous)."""
    text = affirmed(text)
    key = normalize_serial(text)
    if not key:
        return None
    for item in items:
        if normalize_serial(str(item.get("id", ""))) == key:
            return item
    for item in items:
        if normalize_serial(str(item.get("serial", ""))) == key:
            return item
    inside = [i for i in items if len(normalize_serial(str(i.get("serial", "")))) >= 4
              and normalize_serial(str(i.get("serial", ""))) in key]
    if len(inside) == 1:
        return inside[0]
    return _by_words(text, items)


def corrected_to(text: str, items: Sequence[Equipment], current: str | None
                 ) -> Equipment | None:
    """The machine ``text`` corrects to, when it takes ``current`` back ("perdon, es el del
    A08, el A07 va bien": an apology, or a clause denying ``current``), else None."""
    found = match_equipment(text, items)
    if found is None or found.get("id") == current:
        return None
    return found if says_sorry(text) or denies(text, items, current) else None


def denies(text: str, items: Sequence[Equipment], current: str | None) -> bool:
    """A clause of ``text`` says ``current`` is not the one, or is fine ("el A07 va bien")."""
    before = [i for i in items if i.get("id") == current]
    return bool(before) and any(best_by_words(c, before) for c in denied(text))


_SENTENCE = re.compile(r"[.;!?\n]+\s*")


def _by_words(text: str, items: Sequence[Equipment]) -> Equipment | None:
    winners = best_by_words(text, items)
    if len(winners) == 1:
        return winners[0]
    for sentence in _SENTENCE.split(text) if len(winners) > 1 else []:
        first = best_by_words(sentence, items)
        if first:  # the first sentence that names any machine decides, or nothing does
            return first[0] if len(first) == 1 else None
    return None


def best_by_words(text: str, items: Sequence[Equipment]) -> list[Equipment]:
    """The items sharing the most words with ``text`` (ties all kept; none when no word). A
    single digit tells alike machines apart but names none alone ("lanes 3 and 4" is not
    the "4FES-5Y")."""
    wanted = {_stem(w) for w in _tokens(text)}
    if not wanted:
        return []
    scored = [(_score(wanted & {_stem(w) for w in _vocabulary(item)}), item) for item in items]
    best = max((score for score, _ in scored), default=0)
    return [item for score, item in scored if score == best] if best > 0 else []


def _score(shared: set[str]) -> int:
    return len(shared) if any(not w.isdigit() or len(w) > 1 for w in shared) else 0


def _tokens(text: str) -> set[str]:
    """Meaningful words, and numbers ("aisle 4", "rack 12" tell two alike machines apart)."""
    found = {w for w in words(text) if len(w) > 2 and w not in _STOP}
    return found | set(re.findall(r"\d+", fold(text)))


def _stem(word: str) -> str:
    """Singular and plural alike: "carretillas" is "carretilla", "compresores" "compresor"."""
    if len(word) > 5 and word.endswith("es"):
        return word[:-2]
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _vocabulary(item: Equipment) -> set[str]:
    site = item.get("site") or {}
    family = str(item.get("family", ""))
    text = " ".join([str(item.get("model", "")), str(item.get("description", "")),
                     family.replace("_", " "), _FAMILY_WORDS.get(family, ""),
                     str(site.get("name", "")), str(site.get("city", ""))])
    return _tokens(text)


def named_firmly(text: str, item: Equipment) -> bool:
    """``text`` names ``item`` by its serial, a word of its model, or two of its words, one
    of them its own, not its site's (a short number alone is no word of a model: "-20"
    degrees is not the "50FC-20"; "at the Tarraco hotel" names every machine there)."""
    said = {_stem(w) for w in _tokens(text)}
    model = {_stem(w) for w in _tokens(str(item.get("model", "")))
             if not (w.isdigit() and len(w) < 3)}
    serial = normalize_serial(str(item.get("serial", "")))
    shared = said & {_stem(w) for w in _vocabulary(item)}
    own = said & {_stem(w) for w in _vocabulary({**item, "site": {}})}
    return bool(model & said) or (len(shared) > 1 and bool(own)) or bool(
        serial and serial in normalize_serial(text))


def chosen(item: Mapping[str, Any]) -> dict[str, Any]:
    """The form's slots for the machine found."""
    return {"equipment_id": item.get("id"), "serial_number": item.get("serial"),
            "equipment_label": f"{item.get('model')} ({item.get('serial')})"}


def _proofs(events: Sequence[Mapping[str, Any]]) -> set[str]:
    """What the customer gave to prove who they are (slot ``otp_code``: a serial, an e-mail)."""
    return {str(e.get("value")) for e in events
            if e.get("event") == "slot" and e.get("name") == "otp_code" and e.get("value")}


def given_as_proof(value: str, events: Sequence[Mapping[str, Any]],
                   items: Sequence[Equipment]) -> bool:
    """``value`` (a serial taken for the machine) was only given to prove who they are ("I
    can give u a serial instead: SRV-4401-CS"): none of their other messages names it."""
    key = normalize_serial(value)
    if not key or not any(key in normalize_serial(p) for p in _proofs(events)):
        return False
    item = match_equipment(value, items)
    named = (match_equipment(t, items) for t in earlier_texts(events, turns=6))
    return item is not None and all(m is None or m.get("id") != item.get("id") for m in named)


def earlier_texts(events: Sequence[Mapping[str, Any]], turns: int = 3) -> list[str]:
    """The customer's previous messages (tracker events), newest first: the machine may be
    named there ("the Toyota at Getafe…" then "now it does not lift at all"). A serial given
    to prove who they are (slot ``otp_code``) is left out: it need not be the faulty one."""
    proofs = _proofs(events)
    said = [str(e.get("text") or "") for e in events if e.get("event") == "user"]
    return [t for t in reversed(said[:-1])
            if t and not t.startswith("/") and t not in proofs][:turns]


# "totally separate thing: the coffee machine…", "otra cosa, la impresora…"; "tb", "tmb":
# "también" as typed in a text message
_NEW_TOPIC = re.compile(r"\b(?:another|other|also|too|as well|separate|unrelated|different|"
                        r"second|otra|otro|otras|otros|tambien|ademas|aparte|distint[oa]|"
                        r"tb|tmb|tbn|tamb|tambn|aswell|"
                        r"diferente|segund[oa]|third|tercer[oa]?|2nd|3rd|(?:problem|issue|"
                        r"problema|averia|tema|punto|point|item) (?:2|3|4|two|three|dos|tres))\b")
# An item of a list sent as its own message: "2) the pallet wrapper…", "b. la otra…", "- …"
_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[).:-]|\(?[a-e][).]|[-*•·])\s+")


def recent_machine(events: Sequence[Mapping[str, Any]], turns: int = 3) -> str | None:
    """The machine of the incident this conversation filed within its last ``turns``
    messages (tracker events), or None."""
    machine: str | None = None
    filed: str | None = None
    said_since = 0
    for e in events:
        if e.get("event") == "slot" and e.get("name") == "equipment_id" and e.get("value"):
            machine = str(e.get("value"))
        elif e.get("event") == "action" and e.get("name") == "action_create_incident":
            filed, said_since = machine, 0
        elif e.get("event") == "user":
            said_since += 1
    return filed if filed and said_since <= turns else None


def goes_on_about(text: str, item: Equipment, before: Equipment) -> bool:
    """A message right after a report that only shares description words with another
    machine ("we've got sliced cheese sitting on the belt") is still about ``before``; a new
    topic ("also", "otra cosa"), the other machine's model or serial is not."""
    if (_NEW_TOPIC.search(fold(text)) or _LIST_ITEM.match(text)
            or item.get("id") == before.get("id")):
        return False
    model = {_stem(w) for w in _tokens(str(item.get("model", "")))}
    serial = normalize_serial(str(item.get("serial", "")))
    said = {_stem(w) for w in _tokens(text)}
    return not (model & said) and not (serial and serial in normalize_serial(text))


def times_asked(events: Sequence[Mapping[str, Any]], form: str = "incident_form") -> int:
    """How often ``form`` asked which machine since it last started (tracker events); the
    question right after a photo ("Is it the …?", actions/photos.py) is not counted."""
    asked, photo = 0, False
    for e in events:
        if e.get("event") == "active_loop" and e.get("name") == form:
            asked = 0
        elif e.get("event") == "user":
            photo = ((e.get("parse_data") or {}).get("intent") or {}).get("name") == "photo_sent"
        elif e.get("event") == "action" and e.get("name") == "action_ask_equipment_id":
            asked += 0 if photo else 1
    return asked
