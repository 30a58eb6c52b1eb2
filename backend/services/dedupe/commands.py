"""Commands of the duplicate flow and of incident handling by agents (one handler each)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerPendingReport:
    """The customer's answer to "is this about INC-…?": the incident, or None for no."""

    conversation_id: str
    token: str
    duplicate_of: str | None


@dataclass(frozen=True)
class MergeIncidents:
    incident_id: str  # merged away…
    into: str  # …into this one
    actor: str
    note: str | None = None


@dataclass(frozen=True)
class SplitIncident:
    incident_id: str
    report_ids: tuple[int, ...]  # these reports leave for a new incident
    actor: str
    note: str | None = None


@dataclass(frozen=True)
class UndoMerge:
    audit_id: int
    actor: str


@dataclass(frozen=True)
class AssignTechnician:
    incident_id: str
    technician_id: str
    actor: str
