"""Splitting long text on line and sentence, then word boundaries, under a measured width."""

from __future__ import annotations

import re
from collections.abc import Callable

Measure = Callable[[str], int]
SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")
NUMBERING = re.compile(r"\d{1,2}[.)]")


def split_text(text: str, width: int, measure: Measure = len) -> list[str]:
    """Chunks of ``text`` each measuring at most ``width``: whole lines and sentences
    where they fit (line breaks kept inside a chunk), whole words otherwise, and a hard
    cut only inside a single overlong word."""
    if width <= 0:
        raise ValueError("width must be positive")
    pieces: list[tuple[str, str]] = []  # (separator before it, piece)
    for line in text.strip().splitlines():
        sep = "\n"
        for sentence in _sentences(line.strip()):
            for piece in _fit(sentence, width, measure):
                pieces.append((sep, piece))
                sep = " "
    return _pack(pieces, width, measure)


def _sentences(line: str) -> list[str]:
    """Sentences of a line; a leading "2." (a numbered choice) stays with its text."""
    parts = SENTENCE_END.split(line)
    if len(parts) > 1 and NUMBERING.fullmatch(parts[0]):
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return parts


def _fit(sentence: str, width: int, measure: Measure) -> list[str]:
    if not sentence or measure(sentence) <= width:
        return [sentence] if sentence else []
    words: list[tuple[str, str]] = []
    for word in sentence.split():
        while measure(word) > width:
            cut = _longest_prefix(word, width, measure)
            words.append((" ", word[:cut]))
            word = word[cut:]
        if word:
            words.append((" ", word))
    return _pack(words, width, measure)


def _pack(pieces: list[tuple[str, str]], width: int, measure: Measure) -> list[str]:
    chunks: list[str] = []
    for sep, piece in pieces:
        candidate = f"{chunks[-1]}{sep}{piece}" if chunks else piece
        if chunks and measure(candidate) <= width:
            chunks[-1] = candidate
        else:
            chunks.append(piece)
    return chunks


def _longest_prefix(word: str, width: int, measure: Measure) -> int:
    cut = 1
    while cut < len(word) and measure(word[: cut + 1]) <= width:
        cut += 1
    return cut
