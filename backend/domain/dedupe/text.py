"""Text normalisation for Spanish and English reports (pure, no I/O).

`fold` lowers case, removes accents and punctuation, but keeps numbers and codes
(`CMP-2291-X`, `E42`) as single tokens. `content_tokens` expands SMS spellings,
drops stop words and reduces each word to a short stem, so that "arranca",
"arrancar" and "arranque" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from backend.domain.dedupe.lexicon import KEPT_NEGATIONS, SMS_SPELLINGS, STOP_WORDS

STEM_LENGTH = 5
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")
_APOSTROPHE_RE = re.compile(r"['’`´]")
_REPEAT_RE = re.compile(r"([a-z])\1{2,}")


@lru_cache(maxsize=8192)
def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no accents, apostrophes joined ("won't" → "wont"), letters
    repeated for emphasis shortened ("nooooo" → "noo"), one space between tokens."""
    lowered = _APOSTROPHE_RE.sub("", strip_accents(text).lower())
    lowered = _REPEAT_RE.sub(r"\1\1", lowered)
    return " ".join(_split_wordy(t) for t in _TOKEN_RE.findall(lowered))


def _split_wordy(token: str) -> str:
    """Codes keep their hyphens ("cmp-2291-x"); words do not ("walk-in" → "walk in")."""
    if any(c.isdigit() for c in token):
        return token
    return token.replace("-", " ").replace("/", " ")


def expand_sms(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        out.extend(SMS_SPELLINGS.get(token, token).split())
    return out


def stem(word: str) -> str:
    """A crude language-neutral stem: codes and numbers are kept whole."""
    if any(c.isdigit() for c in word) or "-" in word:
        return word
    return word[:STEM_LENGTH]


@lru_cache(maxsize=8192)
def expanded(text: str) -> str:
    """Folded text with SMS spellings written out (used by phrase patterns)."""
    return " ".join(expand_sms(fold(text).split()))


@lru_cache(maxsize=8192)
def content_tokens(text: str) -> tuple[str, ...]:
    """Stems of the words that carry meaning, in order."""
    words = expanded(text).split()
    return tuple(
        stem(w)
        for w in words
        if w in KEPT_NEGATIONS or (w not in STOP_WORDS and (len(w) > 1 or w.isdigit()))
    )
