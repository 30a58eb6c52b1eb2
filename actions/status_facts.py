"""A status answer built from the facts the backend reports (issue 13 §6): one sentence per
fact — state, technician and whether they accepted, booked visit, each part, next step —
each a response of bot/domain/status_facts.yml in the customer's language, sent as one
message. A fact that is not recorded is not said. (No rasa_sdk here: the app's tests read it.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATE_SENTENCE = {"new": "new", "assigned": "open", "acknowledged": "open",
                  "in_progress": "in_progress", "resolved": "resolved", "closed": "closed",
                  "cancelled": "cancelled"}
NEXT_STEPS = ("consent", "assign", "acceptance", "parts", "book_visit", "confirm")


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "—"


def response_text(domain: Mapping[str, Any], name: str, language: str | None,
                  **values: Any) -> str:
    """The text of response ``name`` for ``language`` (its conditioned variation, else the
    one without a condition), filled with ``values``; "" for a response not in the domain."""
    variations = (domain.get("responses") or {}).get(name) or []
    chosen = next((v for v in variations if any(
        c.get("name") == "language" and c.get("value") == language
        for c in v.get("condition") or [])), None)
    chosen = chosen or next((v for v in variations if not v.get("condition")), None)
    if chosen is None:
        return ""
    return str(chosen.get("text") or "").format_map(_Blank(
        {k: str(v) for k, v in values.items()}))


def local_date(iso: str, language: str | None) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}" if language == "es" else iso


def status_text(domain: Mapping[str, Any], incident: Mapping[str, Any],
                language: str | None) -> str:
    facts: Mapping[str, Any] = incident.get("status") or {"state": incident.get("state")}
    state = str(facts.get("state") or "new")

    def say(name: str, **values: Any) -> str:
        return response_text(domain, f"utter_status_fact_{name}", language, **values)

    machine = incident.get("equipment") or {}
    lines = [say(STATE_SENTENCE.get(state, "open"), incident_id=incident.get("id"),
                 model=machine.get("model") or "—", serial=machine.get("serial") or "—")]
    technician = facts.get("technician")
    if technician:
        lines.append(say("accepted" if technician.get("accepted") else "offered",
                         technician=technician.get("name")))
    visit = facts.get("visit")
    if visit:
        lines.append(say("visit", date=local_date(str(visit["date"]), language),
                         start=visit.get("from"), end=visit.get("to")))
    for part in facts.get("parts") or []:
        expected = part.get("expected_on")
        kind = f"part_{part.get('state')}" + ("_expected" if expected and
                                              part.get("state") == "ordered" else "")
        lines.append(say(kind, part=part.get("description"), quantity=part.get("quantity"),
                         expected=local_date(str(expected), language) if expected else ""))
    step = facts.get("next_step")
    if step in NEXT_STEPS:
        lines.append(say(f"next_{step}",
                         technician=(technician or {}).get("name")))
    return "\n".join(line for line in lines if line)
