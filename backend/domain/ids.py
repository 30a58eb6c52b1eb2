"""Readable identifiers: formatting from counters and normalising what people type."""

from __future__ import annotations

import re

from backend.domain.errors import InvalidIncidentId

ID_WIDTH = 5

PREFIXES: dict[str, str] = {
    "incident": "INC",
    "conversation": "CONV",
    "message": "MSG",
    "outbox": "OUT",
}

_INCIDENT_RE = re.compile(r"^\s*(?:#|inc(?:idencia|ident)?[\s\-_#:]*)?0*(\d{1,12})\s*$", re.IGNORECASE)


def format_id(kind: str, number: int) -> str:
    """`format_id("incident", 457)` → `INC-00457` (5 digits, more when needed)."""
    if number < 1:
        raise ValueError(f"id numbers start at 1, got {number}")
    return f"{PREFIXES[kind]}-{number:0{ID_WIDTH}d}"


def normalise_incident_id(text: str) -> str:
    """`#457`, `457`, `inc 457`, `INC-457`, `INC-00457` → `INC-00457`."""
    match = _INCIDENT_RE.match(text)
    if match is None or int(match.group(1)) == 0:
        raise InvalidIncidentId(f"'{text}' is not an incident id (expected e.g. INC-00457)")
    return format_id("incident", int(match.group(1)))
