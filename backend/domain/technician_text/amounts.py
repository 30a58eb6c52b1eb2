"""Hours worked and kilometres travelled, as technicians write them:
"2h y media", "hora y media", "90 min", "1.5 hrs", "tres horas y cuarto", "2h30",
"40 km", "cuarenta kms", "km: 35", "25 miles". Input is `fold.prepare`d text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

N = r"\d+(?:[.,]\d+)?"
H = r"(?:h|hs|hr|hrs|hora|horas|hour|hours|horita|horitas)"
HALF = r"(?:media|a half|half)"
QUARTER = r"(?:cuarto|a quarter|quarter)"
MINUTES = r"(?:m|min|mins|minuto|minutos|minute|minutes)"
NOT_KM = r"(?!\s*(?:km|kms|kilo|k\b|mi\b|miles))"

HOURS = (
    re.compile(rf"\b(?P<n>{N})\s*{H}\b\.?(?:\s*(?:y|and|\+|,)?\s*(?:(?P<half>{HALF})|"
               rf"(?P<quarter>{QUARTER})|(?P<min>\d{{1,2}})\s*{MINUTES}\b))?"),
    re.compile(r"\b(?P<n>\d+)\s*h(?P<min>\d{2})\b"),
    re.compile(rf"\b(?P<n>\d+):(?P<min>\d{{2}})\s*{H}\b"),
    re.compile(rf"\b(?P<n>{N})\s*(?:y|and)\s*(?:(?P<half>{HALF})|(?P<quarter>{QUARTER}))\s*"
               rf"(?:de\s+|of\s+(?:an\s+)?)?{H}\b"),
    re.compile(rf"\b(?:(?P<n>1)\s+|an\s+|a\s+)?(?:hora|hour)\s+(?:y|and)\s+"
               rf"(?:(?P<half>{HALF})|(?P<quarter>{QUARTER}))"),
    re.compile(r"\b(?P<threeq>3 cuartos de hora|3 quarters of an hour)\b"),
    re.compile(r"\b(?P<halfonly>media hora|half an hour|half hour|1/2 hora|1/2 h)\b"),
    re.compile(r"\b(?:(?P<n>1)|an|a)\s+(?:hora|hour)\b"),
    re.compile(rf"\b(?P<min>\d+){NOT_KM}\s*{MINUTES}\b"),
)
KM = (
    re.compile(rf"\b(?P<n>{N})\s*(?:km|kms|kmts?|kilometros?|kilometers?|kilometres?|k)\b"),
    re.compile(rf"\b(?:km|kms|kilometros|kilometers|kilometres)\s*[:=]?\s*(?P<n>{N})\b"),
    re.compile(rf"\b(?P<miles>{N})\s*(?:mi|miles|millas)\b"),
)
MILE = Decimal("1.609")
BARE = re.compile(rf"^\s*(?P<n>{N})\s*\.?\s*$")


@dataclass(frozen=True)
class Found:
    value: Decimal
    start: int
    end: int


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _hours(m: re.Match[str]) -> Decimal:
    groups = m.groupdict()
    if groups.get("threeq"):
        return Decimal("0.75")
    if groups.get("halfonly"):
        return Decimal("0.5")
    n = groups.get("n")
    named = "hora" in m[0] or "hour" in m[0]
    base = _num(n) if n else Decimal(1 if named else 0)
    if groups.get("half"):
        base += Decimal("0.5")
    elif groups.get("quarter"):
        base += Decimal("0.25")
    elif groups.get("min"):
        base += Decimal(groups["min"]) / 60
    return base.quantize(Decimal("0.01")).normalize()


def hours(text: str) -> Found | None:
    """The first amount of hours in ``text`` (already prepared)."""
    found = [Found(_hours(m), m.start(), m.end())
             for pattern in HOURS if (m := pattern.search(text)) is not None]
    best = min(found, key=lambda f: (f.start, -f.end), default=None)
    if best is None or not Decimal(0) < best.value <= 24:
        return None
    return best


def km(text: str) -> Found | None:
    found = []
    for pattern in KM:
        m = pattern.search(text)
        if m is not None:
            value = _num(m["n"]) if m.groupdict().get("n") else (_num(m["miles"]) * MILE)
            found.append(Found(value.quantize(Decimal(1)) if "miles" in m.groupdict()
                               and m["miles"] else value, m.start(), m.end()))
    best = min(found, key=lambda f: f.start, default=None)
    return best if best is not None and Decimal(0) <= best.value < 5000 else None


def bare_number(text: str) -> Decimal | None:
    """A message that is only a number ("3", "2,5"): the answer to the step asked."""
    m = BARE.match(text)
    return _num(m["n"]) if m else None
