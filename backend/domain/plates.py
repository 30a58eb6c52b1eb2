"""What a photo's text says about the machine (pure): the serial read off a nameplate matched
against one customer's machines, and the error codes shown on a display.

OCR and people confuse the same glyphs: O/0, I/1, S/5, B/8 (and Z/2, G/6). A serial is
compared by its *glyph key*: letters and digits only, upper case, each confusable folded to
one side ("sn-48213", "SN 48Z13", "5N-482I3" all give ``5N48213``). Runs of up to three
words are tried (a plate often spaces or breaks a serial), and a serial may sit inside a
longer run ("S/N:SN-48213"). A machine is read only when it is clearly the nearest: within
``max_distance`` edits and ``margin`` edits nearer than any other of the customer's
machines; otherwise the customer is asked. Never a machine of another customer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from backend.domain.factors import serial_candidates, serial_key

CONFUSABLE = str.maketrans({"O": "0", "Q": "0", "I": "1", "L": "1", "S": "5", "B": "8",
                            "Z": "2", "G": "6"})
MIN_KEY = 5  # shorter serials are never read from a photo
MAX_DISTANCE = 2  # chosen on the tuning split (bench/ocr.py --tune, its own seed)
MARGIN = 1  # two of a customer's serials may differ in one character (FL-4410-A, FL-4411-A)


def glyph_key(text: str) -> str:
    """``text`` as OCR cannot tell it apart: case, separators and confusables folded."""
    return serial_key(text).translate(CONFUSABLE)


@dataclass(frozen=True)
class PlateMachine:  # one of the customer's machines, as the matcher needs it
    equipment_id: str
    serial: str
    model: str


@dataclass(frozen=True)
class PlateReading:  # the machine clearly read, or None and the near ones (to ask about)
    match: PlateMachine | None
    candidates: tuple[PlateMachine, ...]
    distance: int | None  # edits from the nearest serial to the text read


def _distance(serial: str, run: str) -> int:
    """Edits from ``serial`` to the nearest stretch of ``run`` (both glyph keys)."""
    if len(run) <= len(serial) + 1:
        return Levenshtein.distance(serial, run)
    best = len(serial)
    for width in (len(serial) - 1, len(serial), len(serial) + 1):
        for start in range(len(run) - width + 1):
            best = min(best, Levenshtein.distance(serial, run[start:start + width]))
            if best == 0:
                return 0
    return best


def read_machine(text: str, machines: Sequence[PlateMachine], *,
                 max_distance: int = MAX_DISTANCE, margin: int = MARGIN) -> PlateReading:
    """The machine among ``machines`` (one customer's) whose serial ``text`` carries."""
    runs = {glyph_key(c) for c in serial_candidates(text)}
    scored: list[tuple[int, PlateMachine]] = []
    for machine in machines:
        key = glyph_key(machine.serial)
        if len(key) < MIN_KEY or not runs:
            continue
        scored.append((min(_distance(key, run) for run in runs), machine))
    scored.sort(key=lambda pair: pair[0])
    near = tuple(m for d, m in scored if d <= max_distance)
    if not scored or scored[0][0] > max_distance:
        return PlateReading(None, near, scored[0][0] if scored else None)
    best, machine = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else None
    clear = runner_up is None or runner_up - best >= margin
    return PlateReading(machine if clear else None, near, best)


ERROR_CODE = re.compile(
    r"\b(?:(?:err(?:or)?|c[oó]digo|code|alarm[ae]?|fallo|fault)\s*[:#.]?\s*"
    r"([A-Z]{0,3}[-\s]?\d{1,4}[A-Z]?)"
    r"|([A-Z]{1,3}-?\d{2,4})(?=\s|$|[.,;:!)]))",
    re.IGNORECASE,
)
NOT_CODES = re.compile(r"^(?:\d+|[KM]?W\d+|V\d+|HZ\d+)$")


def error_codes(text: str, serials: Sequence[str] = ()) -> list[str]:
    """The error codes a display shows ("E-204", "Error 52", "SC542", "J-07"), upper case,
    in order, without the serials of ``serials`` nor bare numbers."""
    known = {glyph_key(s) for s in serials}
    found: list[str] = []
    for hit in ERROR_CODE.finditer(text):
        code = re.sub(r"\s+", "", (hit.group(1) or hit.group(2)).upper())
        if NOT_CODES.match(code.replace("-", "")) and not hit.group(1):
            continue
        if glyph_key(code) in known or any(glyph_key(code) in k for k in known):
            continue
        if code not in found:
            found.append(code)
    return found
