"""Reading how urgent a fault is from what the customer wrote (pure functions, no I/O).

The priority scale is low / medium / high / critical (issue 13 §8).

* :func:`read_urgency` reads a description, in Spanish or English, typed as people type
  (no accents, typos, SMS abbreviations): something stopped, unsafe, or production /
  food / health / critical IT at risk -> high; degraded (still working, intermittent,
  a leak, a noise) -> medium; cosmetic or "no rush" -> low; None when it cannot be read,
  the only case in which the bot asks. A description reads as critical only when people
  are in danger (trapped, injured, fire, gas) or everything is stopped (the whole
  production, every line, the whole plant), or when it says "emergency" about something
  high, or when a high fault states the hours left before a loss that cannot be undone
  (stock to be thrown away, a reserve running out: "si no se arregla en un par de horas
  habrá que desecharlo", "backup bottles for about four hours") or that an intensive-care
  unit depends on what stopped; a fault confined to part of a machine's area ("in rooms
  402 and 405", "the rest works") is degraded, not stopped.
* What raises a fault to high is what it does, not where it is or what is near it: a word
  of food, a hospital or a server alone reads nothing ("the print queue on the file
  server stalls" is degraded). Food is at risk when a cold store is out of its range (a
  chilled one at 7 °C or more, a frozen one above -18 °C) or the stock is to be thrown
  away; a machine that keeps stopping or tripping is degraded, high when the customer says
  what it costs them (production at half, guests complaining, trailers waiting); a slower
  pace ("slowing us down", "we're coping") is not such a cost.
* :func:`parse_urgency_answer` reads the answer to "how urgent is it?": a button, a digit
  1-4, a level named in either language, or a description as above.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from actions.parsing import fold
from actions.urgency_words import (
    AT_RISK,
    AT_TEMP,
    COLD,
    COSMETIC,
    CRITICAL,
    DEGRADED,
    DEGREES,
    EMERGENCY,
    IMPACT,
    LIFE,
    LOSS,
    NOT_URGENT,
    PARTIAL,
    SINCE,
    SPAN,
    STILL_WORKS,
    STOPPED,
    UNSAFE,
    any_of,
)

# What a fault does, said outright: high whatever else is said.
_RULES: Sequence[tuple[re.Pattern[str], str]] = (
    (UNSAFE, "high"),
    (AT_RISK, "high"),
    (IMPACT, "high"),
)

LEVELS = ("low", "medium", "high", "critical")


def _too_warm(text: str) -> bool:
    """A cold store out of its range: chilled at 7 °C or more (up to 20: a room is no cold
    store), frozen above -18 °C."""
    folded = fold(str(text or ""))
    if not COLD.search(folded):
        return False
    found = DEGREES.findall(folded) + [(a or b, n) for a, b, n in AT_TEMP.findall(folded)]
    for sign, number in found:
        value = -int(number) if sign == "-" else int(number)
        if 7 <= value <= 20 or -17 <= value <= -1:
            return True
    return False


def _hours_to_loss(text: str) -> bool:
    """A sentence gives the hours (or minutes) left before stock is lost or a reserve runs
    out; time already gone ("desde hace dos horas", "for the last hour") is not that."""
    for sentence in _sentences(text):
        span = SPAN.search(sentence)
        if (span and LOSS.search(sentence)
                and not SINCE.search(sentence[:span.start()])
                and not sentence[span.end():].lstrip().startswith("ago")):
            return True
    return False


def _sentences(text: str) -> list[str]:
    """Folded sentences; a line wrapped in an e-mail body does not end one."""
    joined = re.sub(r"\n(?=[ \t]*[a-z0-9(+-])", " ", fold(str(text or "")))
    return [" ".join(re.sub(r"[^a-z0-9ñ'°+-]+", " ", s).split())
            for s in re.split(r"[.;!?\n]+", joined) if s.strip()]


def read_urgency(text: str) -> str | None:
    """The urgency a description implies, or None when it says none."""
    folded = _clean(text)
    if not folded:
        return None
    if CRITICAL.search(folded):
        return "critical"
    if NOT_URGENT.search(folded) or COSMETIC.search(folded) and not STOPPED.search(folded):
        return "low"
    level = _serious(folded, text)
    if level == "high" and (EMERGENCY.search(folded) or LIFE.search(folded)
                            or _hours_to_loss(text)):
        return "critical"
    return level


def _serious(folded: str, text: str) -> str | None:
    """high / medium / None for a folded text that is neither critical nor low."""
    for pattern, level in _RULES:
        if pattern.search(folded):
            return level
    if _too_warm(text):
        return "high"
    still_works = bool(STILL_WORKS.search(folded) or PARTIAL.search(folded))
    if STOPPED.search(folded) and not still_works:
        return "high"
    if still_works or DEGRADED.search(folded) or STOPPED.search(folded):
        return "medium"
    return None


_DIGIT = re.compile(r"^\s*([1-4])\s*[.)]?\s*$")
_NAMED: Sequence[tuple[re.Pattern[str], str]] = (
    (any_of(r"muy urgente", r"urgentisim", r"super urgente", r"critic", r"emergenc",
          r"extremely urgent", r"very urgent", r"top priority", r"maxima prioridad"), "critical"),
    (any_of(r"alta", r"high", r"urgente", r"urgent", r"bastante"), "high"),
    (any_of(r"media", r"medium", r"normal", r"regular", r"moderad", r"moderate", r"medio",
          r"mas o menos", r"so so", r"average"), "medium"),
    (any_of(r"baja", r"bajo", r"low", r"poca", r"poco", r"little", r"minor", r"menor"), "low"),
)


def parse_urgency_answer(text: str) -> str | None:
    """The level the customer's answer gives, or None when it cannot be read at all."""
    raw = str(text or "")
    if raw.startswith("/"):
        return None
    digit = _DIGIT.match(raw)
    if digit:
        return LEVELS[int(digit.group(1)) - 1]
    folded = _clean(raw)
    if folded in LEVELS:
        return folded
    if NOT_URGENT.search(folded):
        return "low"
    for pattern, level in _NAMED:
        if pattern.search(folded):
            return level
    return read_urgency(raw)


def urgency_said(current: str | None, *texts: str) -> str | None:
    """The most urgent of ``current`` and what each text implies (a description kept from
    before verification counts like the latest turn)."""
    found = current
    for text in texts:
        found = higher(found, read_urgency(text))
    return found


def higher(current: str | None, new: str | None) -> str | None:
    """The more urgent of two levels (None counts as unknown)."""
    if current not in LEVELS:
        return new
    if new not in LEVELS:
        return current
    return new if LEVELS.index(new) > LEVELS.index(current) else current


def _clean(text: str) -> str:
    """Folded, apostrophes kept, other punctuation as spaces, single-spaced."""
    folded = fold(str(text or "")).replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9ñ'°]+", " ", folded).split())
