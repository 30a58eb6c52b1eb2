"""A report's text reduced to what the scoring compares."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from backend.domain.dedupe.extract import error_codes, incident_ids
from backend.domain.dedupe.symptoms import PRIMARY, symptom_categories
from backend.domain.dedupe.text import content_tokens


@dataclass(frozen=True)
class TextProfile:
    words: str  # content stems and symptom categories, space separated
    symptoms: frozenset[str]  # primary symptom categories
    codes: frozenset[str]  # error codes
    incident_ids: frozenset[str]  # incidents the text names
    content_words: int  # words without digits: how much the text says about the fault


@lru_cache(maxsize=8192)
def profile_text(text: str) -> TextProfile:
    categories = symptom_categories(text)
    tokens = content_tokens(text)
    tags = sorted(f"zz{c.replace('_', '')}" for c in categories)
    return TextProfile(
        words=" ".join((*tokens, *tags)),
        symptoms=categories & PRIMARY,
        codes=error_codes(text),
        incident_ids=incident_ids(text),
        content_words=sum(1 for t in tokens if not any(c.isdigit() for c in t)),
    )
