"""The error codes a machine's display shows, read off a photo's text (pure), and how they
join an incident's symptom.

A nameplate (two of its labels: "Model:", "S/N:", "Year:"…) shows no error codes.
People and displays write a code two ways: glued ("E231", "AL12", "SC542", "Err4") or with a
separator ("E-231", "AL 12", "Err 4", "Error: 52"). Both are read and kept as written, upper
case, a space or colon read as a dash ("AL 12" is ``AL-12``, "Err 4" is ``ERR-4``). A bare
number counts only after a word that says it is a code (error, err, código, code, alarma,
fallo, fault); a spaced code only with a display's usual prefix (E, ER, ERR, AL, ALM, F, SC),
so a model ("GA 37") or a rating ("400 V", "50 Hz", "IP54") is never taken for one, nor the
serial or a word of the model of one of the customer's machines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backend.domain.plates import glyph_key

_KEYWORD = r"err(?:or)?|c[oó]d(?:igo|e)?|alarm[ae]?|fallo|fault"
CODE = re.compile(
    rf"\b(?P<word>{_KEYWORD})\.?\s*[:#.]?\s*(?:(?P<letters>[A-Z]{{1,3}})(?P<lsep>[-\s]?)"
    rf"(?P<ldigits>\d{{1,4}}[A-Z]?)|(?P<wsep>-?)(?P<number>\d{{1,4}}[A-Z]?))\b"
    r"|\b(?P<prefix>[A-Z]{1,3})(?P<psep>-?)(?P<pdigits>\d{2,4})(?=\s|$|[.,;:!)])"
    r"|\b(?P<spaced>E|ER|ERR|AL|ALM|F|SC)\s+(?P<sdigits>\d{2,4})\b",
    re.IGNORECASE,
)
NOT_CODES = re.compile(r"^(?:[KM]?W|V|HZ|KVA|MM|CM|KG|BAR|PSI|IP|IK)$", re.IGNORECASE)  # ratings
DISPLAY_NOTE = "[display: {codes}]"
# the labels of a rating plate: a photo with two of them is a nameplate, not a display
PLATE_LABELS = re.compile(
    r"\b(?:s\s?/\s?n|serial(?:\s+no)?|n\s?[º°o]\.?\s*(?:de\s+)?serie|serie|model[o]?|type|tipo"
    r"|year|a[ñn]o|fabricante|manufacturer|made in)\b\.?\s*[:#]", re.IGNORECASE)


def is_nameplate(text: str) -> bool:
    """``text`` reads as a rating plate (model, serial, year…): its words are no codes."""
    return len(PLATE_LABELS.findall(text)) >= 2


def _joined(letters: str, separator: str, digits: str) -> str:
    return f"{letters}{'-' if separator else ''}{digits}".upper()


def _code(hit: re.Match[str]) -> str | None:
    """The code one match names, as written; None for a rating ("400 V" is no code)."""
    if hit.group("word"):
        if hit.group("letters"):
            return _joined(hit.group("letters"), hit.group("lsep"), hit.group("ldigits"))
        separator = hit.string[hit.end("word"):hit.start("number")]
        return _joined(hit.group("word"), separator, hit.group("number"))
    if hit.group("prefix"):
        if NOT_CODES.match(hit.group("prefix")):
            return None
        return _joined(hit.group("prefix"), hit.group("psep"), hit.group("pdigits"))
    return _joined(hit.group("spaced"), " ", hit.group("sdigits"))


def error_codes(text: str, known_names: Sequence[str] = ()) -> list[str]:
    """The error codes a display shows ("E-204", "Error 52", "SC542", "AL 12"), upper case, in
    order, without what ``known_names`` holds (the customer's serials and models: "C3000" of
    "Ricoh IM C3000" is no code)."""
    known = {glyph_key(w) for name in known_names for w in [name, *name.split()]}
    found: list[str] = []
    for hit in CODE.finditer(text):
        code = _code(hit)
        if code is None or any(glyph_key(code) in k for k in known):
            continue
        if code not in found:
            found.append(code)
    return found


def with_codes(symptom: str, codes: Sequence[str]) -> str:
    """``symptom`` with the codes a display showed that it does not already name."""
    new = [c for c in dict.fromkeys(codes) if c.upper() not in symptom.upper()]
    return f"{symptom} {DISPLAY_NOTE.format(codes=', '.join(new))}" if new else symptom
