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


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _stems(profile: TextProfile) -> frozenset[str]:
    return frozenset(w for w in profile.words.split() if len(w) >= 4 and not w.startswith("zz"))


def text_similarities(
    mine: TextProfile, text: str, theirs: Sequence[TextProfile], texts: Sequence[str]
) -> dict[str, float]:
    """The best value of each similarity over the incident's texts."""
    out = {"ts": 0.0, "tsort": 0.0, "partial": 0.0, "wratio": 0.0, "chargram": 0.0,
           "jaccard": 0.0, "shared": 0.0}
    my_grams, my_stems = char_ngrams(text), _stems(mine)
    for profile, other in zip(theirs, texts, strict=True):
        stems = _stems(profile)
        union = my_stems | stems
        values = {
            "ts": fuzz.token_set_ratio(mine.words, profile.words) / 100.0,
            "tsort": fuzz.token_sort_ratio(mine.words, profile.words) / 100.0,
            "partial": fuzz.partial_token_sort_ratio(mine.words, profile.words) / 100.0,
            "wratio": fuzz.WRatio(mine.words, profile.words) / 100.0,
            "chargram": cosine(my_grams, char_ngrams(other)),
            "jaccard": len(my_stems & stems) / len(union) if union else 0.0,
            "shared": min(len(my_stems & stems), 5) / 5.0,
        }
        for name, value in values.items():
            out[name] = max(out[name], value)
    return out
