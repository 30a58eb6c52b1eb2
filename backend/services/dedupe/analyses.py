"""Report texts' analyses as stored with the reports (`incident_reports.analysis`).

Stored when a report is filed, read with the candidate incidents (`store.candidate_views`), so
that the duplicate check does not analyse every candidate's texts again for each new
report (`backend.domain.dedupe.analysis`). An analysis carries the fingerprint of the code
that made it (the sources of the analysing modules): one made before the lexicon, the
patterns or the stemming changed is not used, the text is analysed again instead (same
numbers, only slower).
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

from backend.domain.dedupe.analysis import TextAnalysis, analyse

ANALYSING_MODULES = ("text", "lexicon", "symptoms", "extract", "families", "marks", "profile",
                     "analysis")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ANALYSING_MODULES:
        spec = importlib.util.find_spec(f"backend.domain.dedupe.{name}")
        assert spec is not None and spec.origin is not None
        digest.update(Path(spec.origin).read_bytes())
    return digest.hexdigest()[:16]


FINGERPRINT = _fingerprint()


def stored(text: str) -> dict[str, Any]:
    """The analysis of `text` as a JSON object."""
    a = analyse(text)
    return {"v": FINGERPRINT, "words": a.words, "symptoms": sorted(a.symptoms),
            "codes": sorted(a.codes), "families": sorted(a.families),
            "numbered": sorted(a.numbered), "names": sorted(a.names), "request": a.request,
            "grams": sorted(a.grams)}


def parsed(raw: Any) -> TextAnalysis | None:
    """The stored analysis, or None when there is none or another code made it."""
    if not isinstance(raw, dict) or raw.get("v") != FINGERPRINT:
        return None
    return TextAnalysis(
        words=raw["words"], symptoms=frozenset(raw["symptoms"]), codes=frozenset(raw["codes"]),
        families=frozenset(raw["families"]),
        numbered=frozenset((w, n) for w, n in raw["numbered"]), names=frozenset(raw["names"]),
        request=bool(raw["request"]), grams=frozenset(raw["grams"]))
