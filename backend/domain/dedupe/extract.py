"""Identifiers people write in reports: serial numbers, error codes, incident ids."""

from __future__ import annotations

import re
from functools import lru_cache

from backend.domain.dedupe.text import strip_accents

_INCIDENT_RE = re.compile(
    r"(?:\b(?:inc|incidencia|incidente|incident|ticket|aviso|caso|case)\s*(?:n[ºo°.]?|num\.?|number"
    r"|numero)?"
    r"\s*[-#:]?\s*0*(\d{1,7})\b)|(?:#0*(\d{1,7})\b)",
    re.IGNORECASE,
)
_ERROR_CONTEXT_RE = re.compile(
    r"\b(?:error|err|codigo|code|alarma|alarm|fallo|fault|aviso|alerta|alert)\s*(?:de|code|codigo"
    r"|n[ºo°]|no\.?)?\s*[:#]?\s*"
    r"([a-z]{0,3}-?\d{1,4}[a-z]?)\b",
    re.IGNORECASE,
)
_ERROR_BARE_RE = re.compile(r"(?<![\w-])([a-z]{1,2})-?(\d{1,3})(?![\w-])", re.IGNORECASE)
_NOT_ERROR_PREFIXES = frozenset(
    {"a", "c", "s", "t", "eq", "ct", "r", "rd", "nd", "st", "th", "h", "kw", "m", "x"}
)
_SERIAL_CONTEXT_RE = re.compile(
    r"\b(?:serial|serie|s/n|sn|n/s|numero de serie|serial number"
    r"|serial no\.?)\s*[:#]?\s*([a-z0-9][a-z0-9/-]{3,})",
    re.IGNORECASE,
)
_SERIAL_SHAPE_RE = re.compile(
    r"(?<![\w-])([a-z]{1,5}[-/]?\d{2,}(?:[-/][a-z0-9]{1,6})*)(?![\w-])", re.IGNORECASE
)
_IDENTIFIER_PREFIXES = ("INC", "C-", "EQ-", "CT-", "S-", "T-", "CONV")


@lru_cache(maxsize=16384)
def compact(code: str) -> str:
    """`cmp-2291-x` → `CMP2291X`: the form codes are compared in."""
    return re.sub(r"[^A-Z0-9]", "", code.upper())


@lru_cache(maxsize=4096)
def incident_ids(text: str) -> frozenset[str]:
    """`INC-00457`, `#457`, `incidencia 457`, `ticket 457` → {"INC-00457"}."""
    found = set()
    for match in _INCIDENT_RE.finditer(strip_accents(text)):
        number = int(match.group(1) or match.group(2))
        if number > 0:
            found.add(f"INC-{number:05d}")
    return frozenset(found)


def _error_key(letters: str, digits: str) -> str:
    return f"{letters.upper()}{int(digits)}"


@lru_cache(maxsize=4096)
def error_codes(text: str) -> frozenset[str]:
    """`error E-042`, `alarma 17`, `shows F07` → {"E42", "17", "F7"}.

    Codes are compared without hyphens or leading zeros in the number.
    """
    plain = strip_accents(text)
    found = set()
    for match in _ERROR_CONTEXT_RE.finditer(plain):
        parts = re.fullmatch(r"([a-z]{0,3})-?(\d{1,4})([a-z]?)", match.group(1), re.IGNORECASE)
        if parts:
            found.add(_error_key(parts.group(1), parts.group(2)) + parts.group(3).upper())
    for match in _ERROR_BARE_RE.finditer(plain):
        letters, digits = match.group(1), match.group(2)
        if letters.lower() not in _NOT_ERROR_PREFIXES:
            found.add(_error_key(letters, digits))
    return frozenset(found)


@lru_cache(maxsize=4096)
def serials(text: str) -> frozenset[str]:
    """Things shaped like serial numbers (letters then digits, or after "serial"/"n/s"),
    in compact form. Error codes, incident ids and our own identifiers are left out."""
    plain = strip_accents(text)
    found = {m.group(1) for m in _SERIAL_CONTEXT_RE.finditer(plain)}
    found |= {m.group(1) for m in _SERIAL_SHAPE_RE.finditer(plain)}
    codes = error_codes(text)
    return frozenset(
        compact(s)
        for s in found
        if len(compact(s)) >= 5
        and not s.upper().startswith(_IDENTIFIER_PREFIXES)
        and compact(s) not in codes
    )
