"""Candidate search: which incidents a report is compared with at all.

Only incidents of the same customer whose possible machines overlap the
report's — or, when `firm` is given (the learned scorer), whose machines do not clash
with a machine the report names firmly (by serial, or chosen in the bot): a machine
only inferred from the words ("the freezer", "sala 3", a number) can be wrong, so an
incident about another inferred machine stays a candidate and the clash is a feature
(`machine_differ`) for the scorer to weigh. Open incidents heard from within
`open_window_hours` may be merged into; incidents resolved within
`recurrence_window_hours` are looked at only to flag a recurrence, never merged into.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backend.domain.dedupe.config import DedupeConfig
from backend.domain.dedupe.model import IncidentStatus, IncidentView, Report


@dataclass(frozen=True)
class Candidates:
    open: tuple[IncidentView, ...]
    resolved: tuple[IncidentView, ...]


def machines_compatible(report_ids: frozenset[str], incident_ids: frozenset[str]) -> bool:
    """Unknown on either side is compatible; known on both must share a machine."""
    return not report_ids or not incident_ids or bool(report_ids & incident_ids)


def _blocked(equipment_ids: frozenset[str], firm: frozenset[str] | None,
             incident_ids: frozenset[str]) -> bool:
    if firm is None:
        return not machines_compatible(equipment_ids, incident_ids)
    return not machines_compatible(firm, incident_ids)


def _hours(later_minus_earlier_seconds: float) -> float:
    return later_minus_earlier_seconds / 3600.0


def find_candidates(
    report: Report,
    equipment_ids: frozenset[str],
    incidents: Iterable[IncidentView],
    config: DedupeConfig,
    firm: frozenset[str] | None = None,
) -> Candidates:
    open_: list[IncidentView] = []
    resolved: list[IncidentView] = []
    for incident in incidents:
        if incident.customer != report.customer:
            continue
        if _blocked(equipment_ids, firm, incident.equipment_ids):
            continue
        if incident.status is IncidentStatus.OPEN:
            silent = _hours((report.at - incident.last_report_at).total_seconds())
            if silent <= config.open_window_hours:
                open_.append(incident)
        else:
            since = incident.resolved_at or incident.last_report_at
            if _hours((report.at - since).total_seconds()) <= config.recurrence_window_hours:
                resolved.append(incident)
    return Candidates(open=tuple(open_), resolved=tuple(resolved))
