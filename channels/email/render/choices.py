"""Buttons as numbered choices in e-mail, and a customer's answer back to a button.

"Reply 1, 2 or 3" / "Responda 1, 2 o 3" (Spanish writes "u" before a number
said with an o-sound: "7 u 8", "10 u 11"). An answer maps to a button only
when its first line is nothing but the choice: "2", "2.", "opción 2", "la
segunda", "#2", or the button's own title; "2 copiers are broken" does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from types import MappingProxyType

from channels.core.models import Button
from channels.email.render.texts import texts_for

ORDINALS = MappingProxyType(
    {
        "uno": 1,
        "una": 1,
        "primera": 1,
        "primero": 1,
        "one": 1,
        "first": 1,
        "dos": 2,
        "segunda": 2,
        "segundo": 2,
        "two": 2,
        "second": 2,
        "tres": 3,
        "tercera": 3,
        "tercero": 3,
        "three": 3,
        "third": 3,
        "cuatro": 4,
        "cuarta": 4,
        "cuarto": 4,
        "four": 4,
        "fourth": 4,
        "cinco": 5,
        "quinta": 5,
        "quinto": 5,
        "five": 5,
        "fifth": 5,
        "seis": 6,
        "sexta": 6,
        "sexto": 6,
        "six": 6,
        "sixth": 6,
        "siete": 7,
        "septima": 7,
        "septimo": 7,
        "seven": 7,
        "seventh": 7,
        "ocho": 8,
        "octava": 8,
        "octavo": 8,
        "eight": 8,
        "eighth": 8,
        "nueve": 9,
        "novena": 9,
        "noveno": 9,
        "nine": 9,
        "ninth": 9,
    }
)
_CHOICE = re.compile(
    r"^(?:(?:la|el|option|opcion|opc|op|numero|number|num|no|n|nº|n°|#|choice|the)\s*[.:#º°]?\s*)*"
    r"(\d{1,2}|[a-z]+)(?:\s*(?:option|opcion|one|please|por favor|gracias|thanks))?\s*[.):!\-]*$"
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def join_numbers(count: int, language: str | None) -> str:
    words = texts_for(language)
    numbers = [str(n) for n in range(1, count + 1)]
    if count <= 1:
        return "".join(numbers)
    last = numbers[-1]
    conj = words["or_before_o"] if last.startswith("8") or last == "11" else words["or"]
    return f"{', '.join(numbers[:-1])} {conj} {last}"


def choices_text(buttons: Sequence[Button], language: str | None) -> str:
    """Numbered lines and the instruction, for the plain-text body."""
    lines = [f"{number}. {button.title}" for number, button in enumerate(buttons, start=1)]
    instruction = texts_for(language)["reply"].format(choices=join_numbers(len(buttons), language))
    return "\n".join([*lines, "", instruction])


def match_choice(reply: str, buttons: Sequence[Button]) -> Button | None:
    """The button a reply picks, or ``None`` when the reply is not just a choice."""
    first = next((line for line in reply.splitlines() if line.strip()), "")
    folded = _fold(first)
    if not folded or len(folded) > 40:
        return None
    titles = {_fold(button.title): button for button in buttons}
    if folded.rstrip(".!") in titles:
        return titles[folded.rstrip(".!")]
    match = _CHOICE.match(folded)
    if match is None:
        return None
    token = match.group(1)
    number = int(token) if token.isdigit() else ORDINALS.get(token)
    if number is None or not 1 <= number <= len(buttons):
        return None
    return buttons[number - 1]
