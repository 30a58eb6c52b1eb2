"""The decision for one incoming report: merge, ask or new (with recurrence)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backend.domain.dedupe.blocking import find_candidates
from backend.domain.dedupe.config import DedupeConfig
from backend.domain.dedupe.fleet import infer_equipment, named_by_serial
from backend.domain.dedupe.model import Decision, IncidentView, Machine, Outcome, Report, Scored
from backend.domain.dedupe.rank import learned_ranking
from backend.domain.dedupe.scoring import ReportFacts, score_incident


def named_firmly(report: Report, fleet: Sequence[Machine]) -> frozenset[str]:
    """The machines the report names by serial, or the one chosen in the bot."""
    return named_by_serial(report.text, fleet, report.serial) | frozenset(
        m.id for m in fleet if m.id == report.equipment_id
    )


def _ranked(
    report: Report,
    equipment: frozenset[str],
    named: frozenset[str],
    incidents: Sequence[IncidentView],
    fleet: Sequence[Machine],
    config: DedupeConfig,
) -> tuple[Scored, ...]:
    if config.model is not None:
        return learned_ranking(report, equipment, named, incidents, fleet, config.model)
    facts = ReportFacts(
        text=report.text,
        sender=report.sender,
        hours_since=lambda i: (report.at - i.last_report_at).total_seconds() / 3600.0,
        equipment_ids=equipment,
    )
    scored = (score_incident(facts, i, fleet, config) for i in incidents)
    return tuple(sorted(scored, key=lambda s: (-s.score, s.incident_id)))


def decide(
    report: Report,
    fleet: Sequence[Machine],
    incidents: Iterable[IncidentView],
    config: DedupeConfig,
) -> Decision:
    """Compare `report` with the customer's incidents and decide.

    `fleet` is the customer's equipment; `incidents` may hold any incidents (other
    customers' are ignored). Pure: nothing is changed, the caller acts on the result.
    """
    equipment = infer_equipment(report.text, fleet, report.serial, report.equipment_id)
    named = named_firmly(report, fleet)
    # the learned scorer weighs a clash of inferred machines; the weighted mean cannot
    firm = named if config.model is not None else None
    candidates = find_candidates(report, equipment, incidents, config, firm)
    ranked = _ranked(report, equipment, named, candidates.open, fleet, config)
    earlier = _ranked(report, equipment, named, candidates.resolved, fleet, config)
    recurrence = (
        earlier[0].incident_id
        if earlier and earlier[0].score >= config.recurrence_band
        else None
    )
    outcome, target, reasons = _choose(ranked, config)
    if recurrence:
        reasons += (f"repeats the resolved {recurrence}",)
    return Decision(
        outcome=outcome,
        score=ranked[0].score if ranked else 0.0,
        incident_id=target,
        reasons=reasons,
        recurrence_of=recurrence,
        equipment_ids=equipment,
        ranked=ranked,
    )


def _choose(
    ranked: Sequence[Scored], config: DedupeConfig
) -> tuple[Outcome, str | None, tuple[str, ...]]:
    if not ranked or ranked[0].score < config.ask_band:
        return Outcome.NEW, None, ("no open incident is close enough",)
    best = ranked[0]
    close_second = len(ranked) > 1 and best.score - ranked[1].score < config.margin
    if best.score >= config.merge_band and not close_second:
        return Outcome.MERGE, best.incident_id, best.reasons
    extra = ("another open incident scores almost as much",) if close_second else ()
    return Outcome.ASK, best.incident_id, best.reasons + extra
