"""Reading a call-back request typed in free text: the number to ring and the time window
("llamame al 644 01 92 83 antes d las 14h", "ring me on 07700 900123 after 3pm", "de 9 a 11",
"between 4 and 6pm", "d 9 a 11" or "frm 2 to 4" as typed in a text message). Pure: no I/O,
no clock. Hours without am/pm below 8 are afternoon hours (nobody asks to be called at 4 in
the morning)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# a phone number: 9 to 15 digits, grouped by spaces, dots, dashes or brackets, maybe a +
_PHONE = re.compile(r"(?<![\d:])\+?\d(?:[\s().-]{0,2}\d){8,14}(?![\d:])")
_HOUR = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(h\b|hrs?\b|horas?\b|am\b|a\.m\.?|pm\b|p\.m\.?)?"
_BETWEEN = re.compile(
    r"\b(?:entre|between|de|d|desde|from|frm)\s+(?:las?\s+)?" + _HOUR
    + r"\s*(?:y|a|and|to|till|until|-|hasta)\s*(?:las?\s+)?" + _HOUR)
_DASH = re.compile(r"\b" + _HOUR + r"\s*-\s*" + _HOUR)
_BEFORE = re.compile(r"\b(?:antes\s+(?:de|d)|hasta|before|b4|by|until|till|no\s+later\s+than)"
                     r"\s+(?:las?\s+)?" + _HOUR)
_AFTER = re.compile(r"\b(?:despues\s+(?:de|d)|dsp\s+(?:de|d)|a\s+partir\s+(?:de|d)|after|from)"
                    r"\s+(?:las?\s+)?" + _HOUR)
_PARTS = (("morning", ("manana", "morning", "matinal")),
          ("afternoon", ("tarde", "afternoon", "arvo")),
          ("evening", ("noche", "evening", "tonight")))


@dataclass(frozen=True)
class CallbackRequest:
    number: str | None  # digits, with a leading + when one was typed
    window: str | None  # "before 14:00", "after 15:00", "09:00-11:00", "afternoon"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def find_number(text: str) -> str | None:
    for match in _PHONE.finditer(text):
        raw = match.group(0).strip()
        digits = "".join(c for c in raw if c.isdigit())
        if 9 <= len(digits) <= 15:
            return ("+" if raw.startswith("+") else "") + digits
    return None


def _hour(hour: str, minute: str | None, marker: str | None, pm_hint: bool = False) -> int | None:
    h = int(hour)
    m = int(minute) if minute else 0
    mark = (marker or "").replace(".", "")
    if mark.startswith("pm") and h < 12:
        h += 12
    elif mark.startswith("am") and h == 12:
        h = 0
    elif not mark.startswith("am") and (pm_hint or h < 8) and h < 12:
        h += 12
    return h * 60 + m if 0 <= h <= 23 and 0 <= m < 60 else None


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def find_window(text: str) -> str | None:
    """The window in ``text`` (a phone number in it is ignored), or None."""
    plain = _PHONE.sub(" ", fold(text))
    asked = _ASKS.search(plain)
    if asked is not None and asked.start() > 0:
        # the hours said with the request ("tiene que estar entre 2 y 8 [grados] … llamadme
        # entre las 16 y las 18 h") come before any said earlier about something else
        return find_window(plain[asked.start():]) or find_window(plain[:asked.start()])
    for pattern in (_BETWEEN, _DASH):
        for match in pattern.finditer(plain):
            h1, m1, k1, h2, m2, k2 = match.groups()
            end_pm = (k2 or "").startswith("p")
            end = _hour(h2, m2, k2)
            start = _hour(h1, m1, k1 or (k2 if end_pm and int(h1) < int(h2) else None))
            if start is not None and end is not None and start < end:
                return f"{_clock(start)}-{_clock(end)}"  # else: no window, look further on
    for pattern, word in ((_BEFORE, "before"), (_AFTER, "after")):
        found = pattern.search(plain)
        if found:
            hour, minute, marker = found.groups()
            at = _hour(hour, minute, marker)
            if at is not None:
                return f"{word} {_clock(at)}"
    words = set(re.findall(r"[a-z]+", plain))
    return next((name for name, keys in _PARTS if words & set(keys)), None)


# A request to be rung ("call me back", "ring us", "llamadme", "q me marque el tecnico", "dame
# un toque"), not the mention of a call ("the technician called at 3").
_ASKS = re.compile(
    r"\b(?:(?:call|ring|phone)\s+(?:me|us)\b|(?:call|ring)\s*back|give\s+(?:me|us)\s+a\s+"
    r"(?:call|ring|bell)|ll[aá]m(?:a|e|en|ad)(?:me|nos)\b|(?:me|nos)\s+(?:\w+\s+)?(?:llame|"
    r"llamen|llamar|marque|marquen|marcar|devuelva|devuelvan)\b|d(?:a|e|ad|en)(?:me|nos)\s+un\s+"
    r"toque)")


def asks_callback(text: str) -> bool:
    """Whether ``text`` asks to be rung back on a number typed in it."""
    return bool(_ASKS.search(fold(text))) and find_number(text) is not None


def read_callback(text: str) -> CallbackRequest:
    return CallbackRequest(find_number(text), find_window(text))
