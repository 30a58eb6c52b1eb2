"""The text the bot reads: the customer's own words, nothing quoted, bounded."""

from __future__ import annotations

import re

from channels.email.parse.quotes import split_quoted
from channels.email.parse.signature import strip_signature

_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_TRAILING = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """Trailing spaces removed, runs of blank lines made one, ends stripped."""
    return _BLANKS.sub("\n\n", _TRAILING.sub("\n", text)).strip()


def _own_words(lines: list[str]) -> tuple[str, list[str]]:
    split = split_quoted(lines)
    return tidy("\n".join(strip_signature(split.own))), split.forwarded


def text_for_bot(full_text: str, max_chars: int) -> tuple[str, bool]:
    """Return ``(text, truncated)``.

    When the customer wrote nothing above a forwarded message, the forwarded
    message's own words are used instead (a forwarded fault report).
    """
    text, forwarded = _own_words(full_text.split("\n"))
    if not text and forwarded:
        text, _ = _own_words(forwarded)
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return (cut[:space] if space > max_chars * 0.8 else cut).rstrip(), True
