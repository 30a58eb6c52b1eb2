"""What a photo's text says about the machine (pure): the serial read off a nameplate matched
against one customer's machines (a display's error codes: backend/domain/display_codes.py).

OCR and people confuse the same glyphs: O/0, I/1, S/5, B/8 (and Z/2, G/6). A serial is
compared by its *glyph key*: letters and digits only, upper case, each confusable folded to
one side ("sn-48213", "SN 48Z13", "5N-482I3" all give ``5N48213``). Runs of up to three
words are tried (a plate often spaces or breaks a serial), and a serial may sit inside a
longer run ("S/N:SN-48213"). A machine is read only when it is clearly the nearest: within
``max_distance`` edits and ``margin`` edits nearer than any other of the customer's
machines; otherwise the customer is asked. Never a machine of another customer.
"""

from __future__ import annotations

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

