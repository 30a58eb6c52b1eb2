"""Normalising identifiers as customers type them (pure functions, no I/O).

"c1002", "1002", "cliente 1002" -> "C-1002";  "482 913" -> "482913";
"#457", "inc 457", "INC-457" -> "INC-00457";  "sn 48213" -> "SN48213" (for comparing serials).
"""

from __future__ import annotations

import re
import unicodedata

_CUSTOMER_RE = re.compile(r"(?<![\d])(\d{4,5})(?![\d])")
_INCIDENT_RE = re.compile(r"(\d{1,6})")
_NON_ALNUM_RE = re.compile(r"[^0-9A-Z]")


def normalize_customer_code(text: str) -> str | None:
    """The customer code in ``text`` as ``C-1002``, or None when there is none (or several)."""
    if text.startswith("/"):
        return None
    found = _CUSTOMER_RE.findall(text)
    return f"C-{found[0]}" if len(found) == 1 else None


def normalize_otp(text: str) -> str | None:
    """The 6 digits of a one-time code typed with or without spaces/dashes, else None."""
    if text.startswith("/"):
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits if len(digits) == 6 else None


def normalize_incident_id(text: str) -> str | None:
    """``INC-00457`` from any way of writing it, or None."""
    found = _INCIDENT_RE.search(text or "")
    return f"INC-{int(found.group(1)):05d}" if found else None


def normalize_serial(text: str) -> str:
    """Upper-case letters and digits only, so "sn 48213" and "SN-48213" compare equal."""
    return _NON_ALNUM_RE.sub("", fold(text).upper())


def fold(text: str) -> str:
    """Lower-case, without accents ("Crítica" -> "critica")."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of ``text``, folded (letters only)."""
    return re.findall(r"[a-zñ]+", fold(text))


# Asking outright to cancel ("Please cancel the call-out", "ya podeis cancelarlo"), whatever
# else the message tells (what was wrong, how it was fixed).
_WHAT = (r"(?:the\s+|this\s+|that\s+|our\s+|my\s+|la\s+|el\s+|lo\s+de\s+la\s+)?"
         r"(?:call-?\s?out|visit|visita|incident|incidencia|ticket|request|aviso|parte|"
         r"appointment|cita|booking|reserva|engineer|technician|tecnico|order|orden)")
_CANCEL_ASK = re.compile(
    r"\b(?:please\s+cancel|(?:you|u)\s+(?:can|may)\s+cancel|(?:can|could|would)\s+you\s+"
    r"(?:please\s+)?cancel|cancel\s+it\b|cancel\s+" + _WHAT + r"|"
    r"(?:podeis|pueden|puedes|podria|podrian|quiero|queremos)\s+(?:ya\s+)?(?:cancelar|anular)|"
    r"(?:cancel|anul)(?:ad|en|e)\b|(?:cancel|anul)(?:a|e|ad|en)(?:lo|la|los|las)\b|"
    r"(?:cancela|anula)\s+" + _WHAT + r")",
    re.IGNORECASE)


def asks_to_cancel(text: str) -> bool:
    return bool(_CANCEL_ASK.search(text))
