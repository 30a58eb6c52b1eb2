"""Text similarities between a report and an incident's reports (pure, each in [0, 1]).

Several views of "how alike are these texts": rapidfuzz scorers on content stems,
character 3-gram cosine on the folded text (robust to typos and word endings),
and shared content stems. The learned scorer weighs them (`backend.domain.dedupe.learned`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from backend.domain.dedupe.analysis import TextAnalysis

_NAMES = ("ts", "tsort", "partial", "wratio", "chargram", "jaccard", "shared")


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


@lru_cache(maxsize=65536)
def _similarities(words: str, other_words: str, grams: frozenset[str],
                  other_grams: frozenset[str], stems: frozenset[str],
                  other_stems: frozenset[str]) -> tuple[float, ...]:
    """ts, tsort, partial, wratio, chargram, jaccard, shared of one pair of texts."""
    union = stems | other_stems
    return (
        fuzz.token_set_ratio(words, other_words) / 100.0,
        fuzz.token_sort_ratio(words, other_words) / 100.0,
        fuzz.partial_token_sort_ratio(words, other_words) / 100.0,
        fuzz.WRatio(words, other_words) / 100.0,
        cosine(grams, other_grams),
        len(stems & other_stems) / len(union) if union else 0.0,
        min(len(stems & other_stems), 5) / 5.0,
    )


def text_similarities(mine: TextAnalysis, theirs: Sequence[TextAnalysis]) -> dict[str, float]:
    """The best value of each similarity of the report's text (`mine`) over the incident's
    texts."""
    best = [0.0] * len(_NAMES)
    for other in theirs:
        values = _similarities(mine.words, other.words, mine.grams, other.grams, mine.stems,
                               other.stems)
        best = [max(a, b) for a, b in zip(best, values, strict=True)]
    return dict(zip(_NAMES, best, strict=True))
