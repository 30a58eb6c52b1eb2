"""What each kind of row holds: field → (required, converter), and the field naming a row.

The kinds are flat tables, the same in CSV (one file per kind, a header row) and JSON
(a list per kind): a contact names its customer, a visit names its incident's number."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from backend.domain.incident import Priority, ServiceType, State
from backend.services.platform import demo_data as demo
from backend.services.platform import demo_fields as f
from backend.services.platform.imports import fields

Spec = dict[str, tuple[bool, f.Convert]]

OPEN_STATES = (State.NEW, State.ASSIGNED, State.ACKNOWLEDGED, State.IN_PROGRESS)
VISIT_STATES = ("booked", "done", "cancelled")
PART_STATES = ("ordered", "received", "fitted", "cancelled")


def priority(value: Any) -> str:
    """low | medium | high | critical (``normal`` is read as medium where the scale
    has no medium, and the other way round)."""
    word = f.text(value).lower()
    known = {p.value for p in Priority}
    aliases = {"medium": "normal", "normal": "medium"}
    if word in known:
        return word
    if aliases.get(word) in known:
        return aliases[word]
    raise ValueError(f"{value!r} is not one of {', '.join(sorted(known | {'medium'}))}")


def optional(convert: f.Convert) -> f.Convert:
    return f.optional(convert)


def specs(zone: ZoneInfo) -> dict[str, Spec]:
    at = fields.moment(zone)
    return {
        "customers": demo.CUSTOMER,
        "sites": {**demo.SITE, "customer": (True, f.text), "zone": (False, optional(fields.name))},
        "contacts": {**demo.CONTACT, "customer": (True, f.text),
                     "telegram_username": (False, optional(fields.username)),
                     "preferred": (False, optional(fields.flag))},
        "equipment": {**demo.EQUIPMENT, "family": (True, fields.name)},
        "contracts": {**demo.CONTRACT, **{k: (True, fields.mapping) for k in (
                          "covered_hours", "response_hours", "resolution_hours")},
                      "equipment": (True, fields.texts), "incident_types": (True, fields.texts),
                      "allowance": (False, optional(fields.mapping)),
                      "renewal": (False, optional(fields.mapping))},
        "technicians": {**demo.TECHNICIAN, "zone": (True, fields.name),
                        "skills": (True, fields.names), "shift": (False, optional(fields.mapping))},
        "incidents": {
            "number": (True, f.text), "customer": (True, f.text),
            "equipment": (False, optional(f.text)), "site": (False, optional(f.text)),
            "symptom": (True, f.text), "priority": (True, priority),
            "service_type": (False, optional(f.one_of(*(s.value for s in ServiceType)))),
            "state": (True, f.one_of(*(s.value for s in OPEN_STATES))),
            "opened_at": (True, at), "technician": (False, optional(f.text)),
            "technician_accepted": (False, optional(fields.flag)),
        },
        "history": {"incident": (True, f.text), "at": (True, at), "note": (True, f.text),
                    "actor": (False, optional(f.text))},
        "visits": {"incident": (True, f.text), "starts_at": (True, at), "ends_at": (True, at),
                   "technician": (False, optional(f.text)),
                   "state": (False, optional(f.one_of(*VISIT_STATES))),
                   "note": (False, optional(f.text))},
        "parts": {"incident": (True, f.text), "part_number": (False, optional(f.text)),
                  "description": (True, f.text), "quantity": (False, optional(fields.quantity)),
                  "state": (False, optional(f.one_of(*PART_STATES))),
                  "ordered_on": (False, optional(f.iso_date)),
                  "expected_on": (False, optional(f.iso_date))},
    }


# kind → the field that names a row (unique in the file); None: rows are not named
KEYS: dict[str, str | None] = {
    "customers": "code", "sites": "id", "contacts": None, "equipment": "id",
    "contracts": "id", "technicians": "id", "incidents": "number", "history": None,
    "visits": None, "parts": None,
}
KINDS = tuple(KEYS)
