"""Duplicate-report detection (pure): normalise, extract, block, score, decide.

The ReportProblem service calls `decide(report, fleet, incidents, config)` with the
customer's machines and incidents and acts on the returned `Decision`.
"""

from backend.domain.dedupe.blocking import Candidates, find_candidates
from backend.domain.dedupe.config import DedupeConfig, Weights
from backend.domain.dedupe.decide import decide
from backend.domain.dedupe.extract import error_codes, incident_ids, serials
from backend.domain.dedupe.families import families_in, family_of
from backend.domain.dedupe.fleet import infer_equipment
from backend.domain.dedupe.model import (
    Decision,
    IncidentStatus,
    IncidentView,
    Machine,
    Outcome,
    Report,
    Scored,
)
from backend.domain.dedupe.symptoms import symptom_categories
from backend.domain.dedupe.text import content_tokens, fold

__all__ = [
    "Candidates",
    "Decision",
    "DedupeConfig",
    "IncidentStatus",
    "IncidentView",
    "Machine",
    "Outcome",
    "Report",
    "Scored",
    "Weights",
    "content_tokens",
    "decide",
    "error_codes",
    "families_in",
    "family_of",
    "find_candidates",
    "fold",
    "incident_ids",
    "infer_equipment",
    "serials",
    "symptom_categories",
]
