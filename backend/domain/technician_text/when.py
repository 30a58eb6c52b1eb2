"""Times and days in technicians' words, resolved against the local "now":
arrival times for a delay ("there by 12", "a las 5 y media", "around 11:15", "in 20 min",
"en media hora") and the day of a follow-up visit ("back on Thursday", "el lunes que
viene", "pasado mañana", "tomorrow", "next week"). Input is `fold.prepare`d text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MARK = (r"(?:by|at|around|about|for|before|till|until|until about|sobre|a|hacia|para|antes de|"
        r"eso de|como a|como|tipo|at about|round|maybe|probably|"
        r"eta|llego|llegare|estoy|estare|there|alli|ahi|aprox|approx|~)")
CLOCK = re.compile(
    rf"(?:\b{MARK}\s+(?:(?:las|la|the)\s+)?|(?=\b\d{{1,2}}[:.h]\d{{2}}\b)|(?=\b\d{{1,2}}\s*(?:am"
    rf"|pm)\b))"
    rf"(?P<h>\d{{1,2}})(?:[:.h](?P<m>\d{{2}}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s*(?:y|and)\s*(?P<frac>media|cuarto|a half|half|a quarter|quarter))?"
    r"(?:\s*(?:de la|in the)\s*(?P<part>tarde|noche|afternoon|evening))?(?![\d,]|\s*(?:km|h\b"
    r"|hrs?\b|horas?|min))")
PAST = re.compile(r"\b(?P<frac>half|quarter) past (?P<h>\d{1,2})\b"
                  r"|\b(?P<frac2>half) (?P<h2>\d{1,2})\b")
TO = re.compile(r"\b(?:quarter to (?P<h>\d{1,2})|(?:las |la )?(?P<h2>\d{1,2}) menos cuarto)\b")
NOON = re.compile(r"\b(?:noon|midday|mediodia|lunchtime|la hora de comer)\b")
IN = re.compile(r"\b(?:in|en|dentro de|within)\s+(?:(?P<n>\d+)\s*(?:min|mins|minutos|minutes)\b|"
                r"(?P<half>media hora|half an hour)|(?P<hour>1 hora|an hour|1 hour)\b)")
LATE = re.compile(r"\b(?:(?P<n>\d+)\s*(?:min|mins|minutos|minutes)|(?P<half>half an hour"
                  r"|media hora)|"
                  r"(?P<hour>an hour|1 hora))\s*(?:late|tarde|de retraso|behind)\b")
FRACTION = {"media": 30, "a half": 30, "half": 30, "cuarto": 15, "a quarter": 15, "quarter": 15}

DAYS = {"lunes": 0, "martes": 1, "miercoles": 2, "jueves": 3, "viernes": 4, "sabado": 5,
        "domingo": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
        "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
        "thur": 3, "thurs": 3, "fri": 4}
WEEKDAY = re.compile(rf"\b({'|'.join(sorted(DAYS, key=len, reverse=True))})\b")
RELATIVE = (
    (re.compile(r"\b(?:pasado manana|day after tomorrow)\b"), 2),
    (re.compile(r"\b(?<!la )(?<!por la )(?<!de la )(?<!esta )(?:manana|tomorrow|tmrw|tmr"
                r"|tomoz)\b"), 1),
    (re.compile(r"\b(?:en|in)\s+(?P<n>\d+)\s+(?:dias|days)\b"), -1),
)
NEXT_WEEK = re.compile(r"\b(?:next week|semana que viene|proxima semana|la otra semana)\b")
DAY_OF_MONTH = re.compile(r"\b(?:el (?:dia )?|on the )(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:h|km"
                          r"|min))|"
                          r"\b(?P<d2>\d{1,2})/(?P<mo>\d{1,2})\b")


def arrival(text: str, now: datetime) -> datetime | None:
    """The new arrival time the technician gives (``now`` is local and aware)."""
    if m := IN.search(text):
        minutes = int(m["n"]) if m["n"] else 30 if m["half"] else 60
        return (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    if m := LATE.search(text):
        minutes = int(m["n"]) if m["n"] else 30 if m["half"] else 60
        return (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    if m := TO.search(text):
        hour = int(m["h"] or m["h2"]) - 1
        return _resolve(now, hour if hour >= 0 else 23, 45, "")
    if NOON.search(text) and not CLOCK.search(text):
        return _resolve(now, 12, 0, "")
    m = PAST.search(text) or CLOCK.search(text)
    if m is None:
        return None
    groups = m.groupdict()
    hour = int(groups.get("h") or groups.get("h2") or 0)
    frac = groups.get("frac") or groups.get("frac2") or ""
    minute = int(groups["m"]) if groups.get("m") else FRACTION.get(frac, 0)
    if hour > 23 or minute > 59:
        return None
    ampm = (groups.get("ampm") or "").replace(".", "")
    if (ampm == "pm" or groups.get("part")) and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return _resolve(now, hour, minute, ampm)


def _resolve(now: datetime, hour: int, minute: int, ampm: str) -> datetime:
    at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if at <= now and hour < 12 and not ampm:
        at += timedelta(hours=12)
    if at <= now:
        at += timedelta(days=1)
    return at


def visit_day(text: str, today: date) -> date | None:
    """The day of the next visit: a weekday (always after today), tomorrow, a date."""
    for pattern, days in RELATIVE:
        if m := pattern.search(text):
            return today + timedelta(days=days if days > 0 else int(m["n"]))
    if m := WEEKDAY.search(text):
        ahead = (DAYS[m[1]] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    if NEXT_WEEK.search(text):
        return today + timedelta(days=7 - today.weekday())
    if m := DAY_OF_MONTH.search(text):
        day, month = int(m["d"] or m["d2"]), int(m["mo"]) if m["mo"] else None
        for add in range(400):
            candidate = today + timedelta(days=add + 1)
            if candidate.day == day and (month is None or candidate.month == month):
                return candidate
    return None
