"""Which messages ask to be called back, and which ask for a person too (pure functions, no
I/O; used by actions/followups.py and the actions that take a call-back from inside another
task). The number and the window themselves are read by the backend
(backend/domain/callback.py)."""

from __future__ import annotations

import re

CALL_WORDS = re.compile(r"\b(?:ll[aá]m\w*|call\w*|ring\w*|phone\w*|tel[eé]fon\w*|"
                        r"rappel\w*|contact\w*|mar(?:c(?:a|ad|ame|adme|anos|adnos|ar|ara|"
                        r"arme|arnos)|que|quen|ques)\b|toque\b|buzz\b|bell\b)", re.IGNORECASE)


def reads_as_callback(text: str) -> bool:
    """A call word and a digit (a number to ring or an hour): "pls call me back on 677 123
    450 between 4 and 6pm", "ring me after 3"."""
    return bool(CALL_WORDS.search(text)) and any(c.isdigit() for c in text)


# Asking to be called ("call me back", "ring us", "llámenme", "me podéis llamar"), not a
# mention of a call ("the technician called at 3").
CALLBACK_ASK = re.compile(
    r"\b(?:(?:call|ring|phone|contact)\s+(?:me|us)\b|call\s*back|ring\s*back|"
    r"ll[aá]m(?:a|e|en|ad|ame|enme|adme|anos|ennos|adnos)(?:me|nos)?\b|"
    r"(?:me|nos)\s+(?:\w+\s+){0,2}llamar|devolver\s+la\s+llamada|"
    # regional and casual: "q me marque el tecnico", "marcame", "dame un toque", "give me a ring"
    r"(?:me|nos)\s+(?:\w+\s+){0,1}(?:marque|marquen|marques|marcar|telefonee|telefoneen|"
    r"(?:de|den|des|pegue|peguen)\s+un\s+toque)\b|marc(?:a|ad|ala)(?:me|nos)\b|"
    r"d(?:a|e|en|ad)(?:me|nos)\s+un\s+toque|"
    r"(?:give|gimme|drop)\s+(?:me|us)?\s*a\s+(?:call|ring|bell|buzz)|call\s+ahead)",
    re.IGNORECASE)


def asks_callback(text: str) -> bool:
    """A request to be called back with a number or an hour in it."""
    return bool(CALLBACK_ASK.search(text)) and any(c.isdigit() for c in text)


# A call-back that asks for a person, not only a ring back ("get a real person to call me",
# "quiero hablar con un responsable, llamadme al …"): recorded and handed to people too.
A_PERSON = re.compile(
    r"\b(?:(?:real|actual)\s+person|human|someone\s+senior|(?:service|a)\s+manager|"
    r"speak\s+(?:with|to)\s+(?:a|an|someone|somebody)|talk\s+to\s+(?:a|an|someone|somebody)|"
    r"una\s+persona|un\s+humano|alguien\s+(?:de\s+verdad|real|responsable)|responsable|"
    r"hablar\s+con\s+(?:un|una|alguien))", re.IGNORECASE)


def wants_a_person(text: str) -> bool:
    return bool(A_PERSON.search(text))
