"""The text the bot reads: the customer's own words, nothing quoted, bounded."""

from __future__ import annotations

import re

from channels.email.parse.quotes import split_quoted
from channels.email.parse.signature import CUT_ANYWHERE, strip_signature

_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """Trailing spaces removed, runs of blank lines made one, ends stripped."""
    return _BLANKS.sub("\n\n", _TRAILING.sub("\n", text)).strip()


def _own_words(lines: list[str], forwarding: bool = False) -> tuple[str, list[str], bool]:
    split = split_quoted(lines, forwarding)
    own = strip_signature(split.own)
    if all(not line.strip() or _footer(line) for line in own):  # "Sent from my iPhone" only
        own = []
    return tidy("\n".join(own)), split.forwarded, split.cut


def _footer(line: str) -> bool:
    return any(pattern.match(line.strip()) for pattern in CUT_ANYWHERE)


def customer_words(full_text: str, forwarding: bool = False) -> tuple[str, bool]:
    """``(text, quoted)``: the customer's own words followed by those of a forwarded
    message (a fault report forwarded with a line of their own), and whether the
    mail quoted anything."""
    text, forwarded, quoted = _own_words(full_text.split("\n"), forwarding)
    if forwarded:
        inner, _, _ = _own_words(forwarded)
        text = tidy(f"{text}\n\n{inner}")
    return text, quoted


def bounded(text: str, max_chars: int) -> tuple[str, bool]:
    """``(text, truncated)``: at most ``max_chars``, cut at a space when one is near."""
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_chars * 0.8 else cut).rstrip(), True


def text_for_bot(full_text: str, max_chars: int) -> tuple[str, bool]:
    """Return ``(text, truncated)``: the customer's words (``customer_words``), bounded."""
    return bounded(customer_words(full_text)[0], max_chars)
