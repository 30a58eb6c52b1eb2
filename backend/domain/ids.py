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

_INCIDENT_RE = re.compile(r"^\s*(?:#|inc(?:idencia"
                          r"|ident)?[\s\-_#:]*)?0*(\d{1,12})\s*$", re.IGNORECASE)


def format_id(kind: str, number: int) -> str:
    """`format_id("incident", 457)` → `INC-00457` (5 digits, more when needed)."""
    if number < 1:
        raise ValueError(f"id numbers start at 1, got {number}")
    return f"{PREFIXES[kind]}-{number:0{ID_WIDTH}d}"


# Conversation ids are keys of state kept by other processes (Rasa's tracker store): they
# must never come back, not after a database switch, a restored backup or a demo reset,
# where the counter starts again. So the readable number (for people) is followed by a
# random part: CONV-00003-K7QX2M4D. Crockford's base32, no I/L/O/U.
UNIQUE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ID_COLUMN_WIDTH = 20  # conversations.id (and the columns that refer to it)
MIN_RANDOM = 8


def unique_id(readable: str, random_bits: int) -> str:
    """``readable`` (e.g. ``CONV-00003``) + ``-`` + base32 digits of ``random_bits``,
    as many as fit the id column, at least 8 (40 bits)."""
    digits = max(MIN_RANDOM, ID_COLUMN_WIDTH - len(readable) - 1)
    chars = []
    for _ in range(digits):
        random_bits, index = divmod(random_bits, 32)
        chars.append(UNIQUE_ALPHABET[index])
    return f"{readable}-{''.join(chars)}"


def normalise_incident_id(text: str) -> str:
    """`#457`, `457`, `inc 457`, `INC-457`, `INC-00457` → `INC-00457`."""
    match = _INCIDENT_RE.match(text)
    if match is None or int(match.group(1)) == 0:
        raise InvalidIncidentId(f"'{text}' is not an incident id (expected e.g. INC-00457)")
    return format_id("incident", int(match.group(1)))
