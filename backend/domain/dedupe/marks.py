"""What tells one machine or place from another in free text: numbered things
("línea 2", "bomba No. 1", "RTU 2", "store 14"), rare names ("Ruzafa", "Nervión")
and wording that sets a report against another ("tampoco", "ahora la de…",
"same error on the other one", "while your tech is coming…")."""

from __future__ import annotations

import re
from functools import lru_cache

from backend.domain.dedupe.lexicon import STOP_WORDS
from backend.domain.dedupe.text import expanded, fold, strip_accents

_NUMBERED = re.compile(
    r"\b([a-z]{2,})\s+(?:(?:n|no|num|numero|number|nr|nro)\s+)?(\d{1,3})\b"
)
_NOT_THINGS = frozenset({
    "a", "las", "los", "at", "by", "to", "de", "del", "en", "hace", "desde", "sobre", "after",
    "about", "around", "for", "in", "on", "of", "than", "y", "and", "or", "o", "con", "with",
    "son", "are", "is", "es", "hasta", "until", "since", "unos", "unas", "every", "cada", "min",
    "minutes", "minutos", "horas", "hours", "dias", "days", "grados", "degrees", "bar", "al",
    "el", "la", "lo", "le", "se", "the", "from", "between", "entre", "esta", "llega", "pone",
    "marca", "shows", "reads", "set", "code", "codigo", "error", "alarm", "alarma",
})
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{3,})\b")
_CONTRAST = re.compile(
    r"\b(?:tampoco|igual que (?:el|la|los|las)|lo mismo que|hace lo mismo|el mismo (?:error|fallo"
    r"|problema|sintoma)|"
    r"la misma (?:averia|alarma|falla)|mismo sintoma|ahora (?:es|en|la|el|los|las|tambien|ademas)|"
    r"otra (?:maquina|unidad|cosa)|otro (?:equipo|problema)|la otra|el otro|the other"
    r"|another (?:one|unit|machine)|"
    r"now (?:the|we have|it s the|its the)|while (?:your|the) (?:tech|engineer|guy)"
    r"|same (?:\w+ )?(?:error|message|fault|problem|issue|symptom) (?:on|at|in)|"
    r"also (?:showing|has|have|got)|as well as|on top of|separate|different (?:unit|machine|one))\b"
)


_REQUEST = re.compile(
    r"\b(?:factura\w*|invoice\w*|abono|credit note|presupuesto\w*|quote|quotation|pedido de|"
    r"order (?:some|more|\d)|manual\w*|formacion|training|curso|cita para|booking|book (?:a|the|in)"
    r"|"
    r"programar (?:el|la|una)|schedule (?:a|the)|preventiv\w*|revision anual|annual (?:service"
    r"|inspection)|"
    r"inspecci\w*|inspections?|certificad\w*|certificate|contrato|contract|renewal|renovacion|"
    r"toner\w* (?:para|for)|send us \d|mandar \d|cotizaci\w*|tarifa|price|precio)\b"
)


@lru_cache(maxsize=8192)
def request(text: str) -> bool:
    """A request that is not a fault: an invoice, a quote, a booking, a manual, training."""
    return bool(_REQUEST.search(expanded(text)))


@lru_cache(maxsize=8192)
def numbered(text: str) -> frozenset[tuple[str, str]]:
    """("linea", "2") for "la línea 2"; leading zeros dropped, units of measure left out."""
    found = set()
    for word, number in _NUMBERED.findall(expanded(text)):
        if word not in _NOT_THINGS and word not in STOP_WORDS:
            found.add((word[:5], str(int(number))))
    return frozenset(found)


@lru_cache(maxsize=8192)
def names(text: str) -> frozenset[str]:
    """Capitalised words inside sentences ("Nervión", "Barcelona"), folded; plus codes
    with digits (serials, model numbers, store numbers)."""
    plain = strip_accents(text)
    out = {fold(m) for m in _NAME.findall(text) if fold(m) not in STOP_WORDS}
    out |= {t for t in fold(plain).split() if any(c.isdigit() for c in t) and any(
        c.isalpha() for c in t) and len(t) >= 3}
    return frozenset(out)


@lru_cache(maxsize=8192)
def contrast(text: str) -> bool:
    return bool(_CONTRAST.search(expanded(text)))


def numbered_agreement(mine: frozenset[tuple[str, str]], theirs: frozenset[tuple[str, str]]
                       ) -> tuple[float, float]:
    """(same thing with the same number named on both sides, same thing with another number)."""
    same = bool(mine & theirs)
    words = {w for w, _ in mine} & {w for w, _ in theirs}
    clash = any((w, n) not in theirs for w, n in mine if w in words) and not same
    return float(same), float(clash)
