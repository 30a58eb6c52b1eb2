"""SMS encodings: GSM-7 (160 characters a message) or, for anything else, UCS-2 (70)."""

from __future__ import annotations

# GSM 03.38 basic character set, and the extension table (each costs two septets).
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = frozenset("^{}\\[~]|€\f")

# encoding → (characters in a single message, characters per part of a long one)
LIMITS = {"gsm7": (160, 153), "ucs2": (70, 67)}


def encoding(text: str) -> str:
    return "gsm7" if all(ch in BASIC or ch in EXTENSION for ch in text) else "ucs2"


def length(text: str, enc: str) -> int:
    """Length in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2."""
    if enc == "gsm7":
        return sum(2 if ch in EXTENSION else 1 for ch in text)
    return len(text.encode("utf-16-le")) // 2


def single_limit(text: str) -> tuple[str, int]:
    """The encoding ``text`` needs and how much of it fits one SMS."""
    enc = encoding(text)
    return enc, LIMITS[enc][0]
