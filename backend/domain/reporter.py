"""Who is reporting, as they say it (pure; issue 13 §1).

"soy Marta Lazaro, jefa de mantenimiento", "Hi, Emma here, chief engineer", "this is Marina
Ibanez, shift lead", "reporter is Jordi Pallares", a message that is only "Rosa Ventura, jefa
de mantenimiento", "llamame al 644 01 92 83" or an e-mail signature give the reporter's
name, role and number. They are kept on the incident as an unverified contact, never added
to the customer's contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'-]+"
_ANY_WORD = r"[A-Za-zÁÉÍÓÚÑáéíóúñü'-]+"
# Cue, then the name. Spanish cues take a name typed in lower case too ("soy fernando").
_CUES = (
    re.compile(r"(?i:\b(?:soy|me llamo|mi nombre es|le escribe|les escribe|al habla))\s+"
               rf"(?P<name>{_ANY_WORD}(?:\s+{_NAME_WORD}){{0,2}})"),
    re.compile(r"(?i:\b(?:i'?m|i am|this is|my name is|it'?s|reporter is|reported by|"
               r"contact is|contact person is|ask for))\s+"
               rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"),
    re.compile(rf"(?:^|[,.!]\s*|\bhi,?\s+|\bhello,?\s+)(?P<name>{_NAME_WORD}"
               rf"(?:\s+{_NAME_WORD})?)\s+here\b", re.IGNORECASE | re.MULTILINE),
)
_NOT_NAMES = frozenset(re.findall(r"\S+",
    "el la los las un una de del yo the a an not sure afraid sorry here just also still "
    "writing calling back from at on in going having really very so ok okay fine good "
    "urgent urgente nuevo nueva cliente customer encargado encargada jefe jefa responsable "
    "tecnico tecnica the engineer manager shift lead director directora hola buenas buenos "
    "hello hi hey dear good morning afternoon evening estimado estimada estimados gracias "
    "thanks perdon sorry"))
_ROLE = re.compile(r"^\s*[,(-]\s*(?P<role>[^,.;\n)]{3,60})")
_PHONE = re.compile(r"(?<![\w+])(\+?\d[\d .-]{7,16}\d)(?!\w)")
_SIGN_OFF = re.compile(r"(?im)^\s*(?:thanks|thank you|regards|best|cheers|kind regards|un saludo|"
                       r"saludos|atentamente|gracias|muchas gracias|cordialmente)[,!.]?\s*$")
# A message that is only a name and what they do: "Rosa Ventura, jefa de mantenimiento"
_NAME_LINE = re.compile(rf"^\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\s*[,(-]\s*"
                        r"(?P<role>[^\d,.;:!?\n()]{3,60}?)\s*\)?[.!]?\s*$")
_SIGNATURE_NAME = re.compile(rf"^\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*$")


@dataclass(frozen=True)
class Reporter:
    name: str | None
    role: str | None
    phone: str | None

    def note(self) -> str:
        parts = [p for p in (self.name, self.role, self.phone) if p]
        return " · ".join(parts) + " (unverified contact, as given)"


def _clean_name(raw: str) -> str | None:
    words = raw.split()
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    if not words or words[0].lower() in _NOT_NAMES:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _named(text: str) -> tuple[str | None, str | None]:
    for cue in _CUES:
        for found in cue.finditer(text):
            name = _clean_name(found.group("name"))
            if name:
                role = _ROLE.match(text[found.end():])
                return name, role.group("role").strip() if role else None
    return None, None


def _signed(text: str) -> tuple[str | None, str | None]:
    """The name on the line after a sign-off ("Thanks,\\nSean Murphy\\nPlant Manager")."""
    sign_offs = list(_SIGN_OFF.finditer(text))
    if not sign_offs:
        return None, None
    lines = [ln.strip() for ln in text[sign_offs[-1].end():].splitlines() if ln.strip()]
    if not lines:
        return None, None
    found = _SIGNATURE_NAME.match(lines[0])
    if not found:
        return None, None
    role = lines[1] if len(lines) > 1 and not any(c.isdigit() for c in lines[1]) else None
    return found.group("name"), role


def _name_line(text: str) -> tuple[str | None, str | None]:
    found = _NAME_LINE.match(text)
    if not found or len(found.group("role").split()) > 6:
        return None, None
    return _clean_name(found.group("name")), found.group("role").strip()


def read_reporter(text: str) -> Reporter | None:
    """The reporter a message names (name, role, number), or None when it names nobody."""
    name, role = _named(text)
    if name is None:
        name, role = _name_line(text)
    if name is None:
        name, role = _signed(text)
    phones = [p for p in _PHONE.findall(text) if 9 <= sum(c.isdigit() for c in p) <= 15]
    phone = " ".join(phones[0].split()) if phones else None
    if name is None and phone is None:
        return None
    return Reporter(name, role, phone)
