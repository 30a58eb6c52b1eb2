"""Wording the SMS channel adds to the bot's replies, in Spanish and English."""

from __future__ import annotations

from types import MappingProxyType

# Spanish "o" becomes "u" before a word starting with an o sound: "7 u 8", "10 u 11".
_U_BEFORE = frozenset({8, 11})

REPLY_WORDS = MappingProxyType({"es": ("Responda", "o", "u"), "en": ("Reply", "or", "or")})

NOTICES = MappingProxyType(
    {
        "text_only": (
            "Por ahora solo podemos leer texto: escríbanos el mensaje, por favor.\n"
            "For now we can only read text: please write your message."
        ),
    }
)


def reply_prompt(count: int, language: str) -> str:
    """ "Responda 1, 2 o 3" / "Reply 1, 2 or 3" for ``count`` numbered choices."""
    verb, word_or, word_u = REPLY_WORDS.get(language, REPLY_WORDS["es"])
    numbers = [str(n) for n in range(1, count + 1)]
    if count == 1:
        return f"{verb} 1"
    joiner = word_u if count in _U_BEFORE else word_or
    return f"{verb} {', '.join(numbers[:-1])} {joiner} {numbers[-1]}"
