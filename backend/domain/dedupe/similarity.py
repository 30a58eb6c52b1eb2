"""Text similarities between a report and an incident's reports (pure, each in [0, 1]).

Several views of "how alike are these texts": rapidfuzz scorers on content stems,
character 3-gram cosine on the folded text (robust to typos and word endings),
and shared content stems. The learned scorer weighs them (`backend.domain.dedupe.learned`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from backend.domain.dedupe.profile import TextProfile
from backend.domain.dedupe.text import expanded

NGRAM = 3


@lru_cache(maxsize=8192)
def char_ngrams(text: str) -> frozenset[str]:
    """Character 3-grams of each word of the expanded text, with word boundaries."""
    grams: set[str] = set()
    for word in expanded(text).split():
        padded = f" {word} "
        grams.update(padded[i : i + NGRAM] for i in range(max(len(padded) - NGRAM + 1, 1)))
    return frozenset(grams)


_NAMES = ("ts", "tsort", "partial", "wratio", "chargram", "jaccard", "shared")


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _stems(profile: TextProfile) -> frozenset[str]:
    return frozenset(w for w in profile.words.split() if len(w) >= 4 and not w.startswith("zz"))


@lru_cache(maxsize=65536)
def _similarities(words: str, other_words: str, text: str, other: str,
                  stems: frozenset[str], other_stems: frozenset[str]) -> tuple[float, ...]:
    """ts, tsort, partial, wratio, chargram, jaccard, shared of one pair of texts."""
    union = stems | other_stems
    return (
        fuzz.token_set_ratio(words, other_words) / 100.0,
        fuzz.token_sort_ratio(words, other_words) / 100.0,
        fuzz.partial_token_sort_ratio(words, other_words) / 100.0,
        fuzz.WRatio(words, other_words) / 100.0,
        cosine(char_ngrams(text), char_ngrams(other)),
        len(stems & other_stems) / len(union) if union else 0.0,
        min(len(stems & other_stems), 5) / 5.0,
    )


def text_similarities(
    mine: TextProfile, text: str, theirs: Sequence[TextProfile], texts: Sequence[str]
) -> dict[str, float]:
    """The best value of each similarity over the incident's texts."""
    best = [0.0] * len(_NAMES)
    my_stems = _stems(mine)
    for profile, other in zip(theirs, texts, strict=True):
        values = _similarities(mine.words, profile.words, text, other, my_stems, _stems(profile))
        best = [max(a, b) for a, b in zip(best, values, strict=True)]
    return dict(zip(_NAMES, best, strict=True))
