"""What the scoring reads of a candidate incident's report texts, worked out once per text.

A report's text is analysed when the report is checked (it is then the new report) and the
service stores the analysis with the report, so that scoring a later report against the
incident reads it instead of analysing every candidate's texts again: that analysis was
most of the cost of each candidate (symptom patterns, families, stems, 3-grams). An
incident without stored analyses (older rows, the incident's own symptom) is analysed
here, with the same functions: the numbers are the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from backend.domain.dedupe.families import families_in
from backend.domain.dedupe.marks import names, numbered, request
from backend.domain.dedupe.model import IncidentView
from backend.domain.dedupe.profile import profile_text
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


def stems_of(words: str) -> frozenset[str]:
    """The longer content stems of a profile's words (symptom tags left out)."""
    return frozenset(w for w in words.split() if len(w) >= 4 and not w.startswith("zz"))


@dataclass(frozen=True)
class TextAnalysis:
    words: str  # content stems and symptom categories (`TextProfile.words`)
    symptoms: frozenset[str]  # primary symptom categories
    codes: frozenset[str]  # error codes
    families: frozenset[str]  # equipment families named
    numbered: frozenset[tuple[str, str]]  # numbered things ("linea", "2")
    names: frozenset[str]  # rare names and codes
    request: bool  # a request that is not a fault
    grams: frozenset[str]  # character 3-grams of the expanded words

    @cached_property
    def stems(self) -> frozenset[str]:
        return stems_of(self.words)


def analyse(text: str) -> TextAnalysis:
    profile = profile_text(text)
    return TextAnalysis(
        words=profile.words, symptoms=profile.symptoms, codes=profile.codes,
        families=families_in(text), numbered=numbered(text), names=names(text),
        request=request(text), grams=char_ngrams(text),
    )


def analyses_of(incident: IncidentView) -> tuple[TextAnalysis, ...]:
    """One analysis per text of the incident: the stored one where the view carries it."""
    stored = incident.analyses
    return tuple(
        stored[n] or analyse(text) if n < len(stored) else analyse(text)
        for n, text in enumerate(incident.texts)
    )
