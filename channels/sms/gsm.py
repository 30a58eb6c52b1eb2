"""SMS encodings: GSM-7 (160 characters a message, 153 a segment of a long one) or, for
anything else, UCS-2 (70, 67). ``smart`` writes the letters GSM-7 lacks (á, í, ó, ú, ç,
typographic quotes and dashes…) as the nearest GSM-7 ones, as carriers' "smart encoding"
does, so a Spanish text costs 153 characters a segment instead of 67; a text with other
characters (emoji, other scripts) is left as it is and goes as UCS-2."""

from __future__ import annotations

import math
import unicodedata

# GSM 03.38 basic character set, and the extension table (each costs two septets).
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = frozenset("^{}\\[~]|€\f")

# encoding → (characters in a single message, characters per part of a long one)
LIMITS = {"gsm7": (160, 153), "ucs2": (70, 67)}
LOOKALIKE = {"‘": "'", "’": "'", "´": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"',
             "–": "-", "—": "-", "‑": "-", "…": "...", "\u00a0": " ", "•": "-", "·": "-",
             "×": "x", "º": "o", "ª": "a", "\t": " "}


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


def segments(text: str) -> int:
    """How many segments (billed messages) ``text`` costs as one concatenated SMS."""
    enc, single = single_limit(text)
    size = length(text, enc)
    return 1 if size <= single else math.ceil(size / LIMITS[enc][1])


def smart(text: str) -> str:
    """``text`` in GSM-7 when only letters with a GSM-7 lookalike stand in the way."""
    if encoding(text) == "gsm7":
        return text
    written = "".join(_gsm_letter(ch) for ch in text)
    return written if encoding(written) == "gsm7" else text


def _gsm_letter(ch: str) -> str:
    if ch in BASIC or ch in EXTENSION:
        return ch
    if ch in LOOKALIKE:
        return LOOKALIKE[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(c in BASIC for c in base) else ch
