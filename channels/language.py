"""A deliberately small language guess (es|en) for channels that carry no language hint.

The bot has the real detector; this only seeds a conversation's language and chooses the
wording of gateway-made text (e.g. "Responda 1 o 2") when the backend knows none.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-záéíóúñü]+")
MARKERS = {
    "es": frozenset({"el", "la", "los", "las", "de", "que", "por", "para", "con", "no",
                     "mi", "tu", "su", "una", "un", "es", "está", "hola", "gracias",
                     "sí", "buenos", "días", "favor", "averiado", "funciona", "opción"}),
    "en": frozenset({"the", "is", "my", "your", "to", "of", "and", "with", "not", "it",
                     "hello", "hi", "thanks", "please", "yes", "broken", "working",
                     "does", "doesn't", "option", "a", "an"}),
}
SPANISH_LETTERS = frozenset("áéíóúñ¿¡")


def guess(text: str) -> str | None:
    """``es`` or ``en`` when the text says so clearly, else ``None``."""
    lowered = text.lower()
    words = WORD.findall(lowered)
    score = {lang: sum(word in markers for word in words) for lang, markers in MARKERS.items()}
    score["es"] += 2 * sum(ch in SPANISH_LETTERS for ch in lowered)
    if score["es"] == score["en"]:
        return None
    return "es" if score["es"] > score["en"] else "en"
