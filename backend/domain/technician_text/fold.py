"""Technicians' text made comparable: lower case, no accents, numbers written as words
turned into digits ("cuarenta" → 40, "forty-five" → 45, "dos" → 2)."""

from __future__ import annotations

import re
import unicodedata

UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veintiuno": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "cien": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "hundred": 100,
}
TENS = {"veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
        "setenta": 70, "ochenta": 80, "noventa": 90, "twenty": 20, "thirty": 30,
        "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
DIGITS = {k: v for k, v in UNITS.items() if v < 10}
COMPOUND = re.compile(rf"\b({'|'.join(TENS)})(?:\s+y\s+|[\s-]+)({'|'.join(DIGITS)})\b")
TEN = re.compile(rf"\b({'|'.join(TENS)})\b")
UNIT = re.compile(rf"\b({'|'.join(UNITS)})\b")


def fold(text: str) -> str:
    """Lower case without accents, one space between words ("Llegué" → "llegue")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", bare.lower().replace("’", "'")).strip()


def digits(text: str) -> str:
    """Folded text with numbers written as words turned into digits."""
    text = COMPOUND.sub(lambda m: str(TENS[m[1]] + DIGITS[m[2]]), text)
    text = TEN.sub(lambda m: str(TENS[m[1]]), text)
    return UNIT.sub(lambda m: str(UNITS[m[1]]), text)


def prepare(text: str) -> str:
    return digits(fold(text))


# Characters outside the GSM 03.38 alphabet that would turn a whole SMS into UCS-2 (70
# characters a message instead of 160): said with GSM ones (é, ñ, ü, ¿, ¡ are GSM).
GSM_SAFE = str.maketrans({"á": "a", "í": "i", "ó": "o", "ú": "u", "Á": "A", "Í": "I",
                          "Ó": "O", "Ú": "U", "«": '"', "»": '"', "—": "-", "–": "-",
                          "•": "-", "·": "-", "×": "x", "→": "->", "’": "'", "…": "..."})


def gsm_safe(text: str) -> str:
    """Text for an SMS to a technician: the same words in GSM characters."""
    return text.translate(GSM_SAFE)
