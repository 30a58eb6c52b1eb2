"""The score of one (report, incident) pair: a weighted mean of features in [0, 1].

Features: text similarity (a rapidfuzz scorer on content stems, chosen by
measurement, see `backend.dedupe.tune --scorers`), symptom categories, machine,
site, error codes and time since the incident was last heard of. A feature
nothing is known about is 0.5, so it neither helps nor hurts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from backend.domain.dedupe.analysis import TextAnalysis, analyses_of
from backend.domain.dedupe.config import DedupeConfig
from backend.domain.dedupe.cues import cue
from backend.domain.dedupe.model import IncidentView, Machine, Scored
from backend.domain.dedupe.profile import TextProfile, profile_text

UNKNOWN = 0.5
TEXT_SCORERS: dict[str, Callable[[str, str], float]] = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "token_ratio": fuzz.token_ratio,
    "partial_token_sort_ratio": fuzz.partial_token_sort_ratio,
    "WRatio": fuzz.WRatio,
    "QRatio": fuzz.QRatio,
}


@dataclass(frozen=True)
class ReportFacts:
    """What scoring needs to know of the report beyond its text."""

    text: str
    sender: str
    hours_since: Callable[[IncidentView], float]
    equipment_ids: frozenset[str]


def overlap(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """Chance that a machine picked from each side is the same one (0.5 if unknown)."""
    if not mine or not theirs:
        return UNKNOWN
    return len(mine & theirs) / (len(mine) * len(theirs))


MIN_WORDS = 3  # a text with fewer content words ("serial is X") says nothing of the fault


def _text(report: TextProfile, theirs: Sequence[TextAnalysis], scorer: str) -> float:
    if report.content_words < MIN_WORDS:
        return UNKNOWN
    score = TEXT_SCORERS[scorer]
    return max(score(report.words, t.words) for t in theirs) / 100.0


def _set_feature(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """Overlap coefficient: one shared category or code is full agreement."""
    if not mine or not theirs:
        return UNKNOWN
    return len(mine & theirs) / min(len(mine), len(theirs))


def _sites(equipment_ids: frozenset[str], sites: Mapping[str, str]) -> frozenset[str]:
    return frozenset(sites[i] for i in equipment_ids if i in sites)


def _union(profiles: Sequence[TextAnalysis], attr: str) -> frozenset[str]:
    out: frozenset[str] = frozenset()
    for p in profiles:
        out |= getattr(p, attr)
    return out


def features(
    facts: ReportFacts, incident: IncidentView, sites: Mapping[str, str], config: DedupeConfig
) -> dict[str, float]:
    mine = profile_text(facts.text)
    theirs = analyses_of(incident)
    return {
        "text": _text(mine, theirs, config.text_scorer),
        "symptom": _set_feature(mine.symptoms, _union(theirs, "symptoms")),
        "equipment": overlap(facts.equipment_ids, incident.equipment_ids),
        "site": overlap(_sites(facts.equipment_ids, sites), _sites(incident.equipment_ids, sites)),
        "codes": _set_feature(mine.codes, _union(theirs, "codes")),
        "cue": cue(facts.text),
        "sender": 1.0
        if facts.sender and facts.sender.strip().lower() in incident.senders
        else UNKNOWN,
        "time": math.exp(-max(facts.hours_since(incident), 0.0) / config.time_scale_hours),
    }


def _reasons(f: Mapping[str, float], facts: ReportFacts, incident: IncidentView) -> list[str]:
    reasons = [f"text similarity {f['text']:.2f}"]
    labels = {
        "symptom": ("same kind of fault", "different kind of fault"),
        "equipment": ("same machine", "maybe another machine"),
        "site": ("same site", "maybe another site"),
        "codes": ("same error code", "different error codes"),
        "cue": ("reads as a follow-up", "reads as another problem"),
        "sender": ("same sender", "another sender"),
    }
    for name, (good, bad) in labels.items():
        if f[name] != UNKNOWN:
            reasons.append(
                good if f[name] >= 0.99 else bad if f[name] <= 0.01 else f"{name} {f[name]:.2f}"
            )
    reasons.append(f"{facts.hours_since(incident):.1f} h after its last report")
    return reasons


def score_incident(
    facts: ReportFacts, incident: IncidentView, machines: Sequence[Machine], config: DedupeConfig
) -> Scored:
    """Weighted mean of the features; a report naming the incident's id scores 1."""
    if incident.id in profile_text(facts.text).incident_ids:
        return Scored(incident.id, 1.0, (f"the report names {incident.id}",))
    sites = {m.id: m.site for m in machines if m.site}
    f = features(facts, incident, sites, config)
    weights = config.weights.as_dict()
    total = sum(weights.values()) or 1.0
    value = sum(weights[name] * f[name] for name in weights) / total
    return Scored(incident.id, round(value, 4), tuple(_reasons(f, facts, incident)))
