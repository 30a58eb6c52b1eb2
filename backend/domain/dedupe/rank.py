"""Ranking candidates with the learned scorer (when the config carries a model).

`candidate_features` is also what training reads, so the product and the trainer
compute exactly the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from backend.domain.dedupe.families import family_of
from backend.domain.dedupe.features import pair_features, report_side, with_context
from backend.domain.dedupe.learned import ScoringModel
from backend.domain.dedupe.model import IncidentView, Machine, Report, Scored
from backend.domain.dedupe.profile import profile_text

_SHOWN = ("ts", "chargram", "symptom_same", "symptom_differ", "machine_same", "codes_same",
          "codes_differ", "cue_follow", "cue_new", "sender_same")


def candidate_features(
    report: Report,
    equipment: frozenset[str],
    named: frozenset[str],
    incidents: Sequence[IncidentView],
    fleet: Sequence[Machine],
) -> list[dict[str, float]]:
    sites = {m.id: m.site for m in fleet if m.site}
    families = {m.id: f for m in fleet if (f := family_of(m.label))}
    mine = report_side(report.text, report.sender, report.channel)
    pairs = [
        pair_features(
            report=mine, hours_since=(report.at - i.last_report_at).total_seconds() / 3600.0,
            equipment_ids=equipment, named_machines=named, incident=i, sites=sites,
            family_of_machine=families,
        )
        for i in incidents
    ]
    return with_context(pairs)


def _reasons(features: dict[str, float], model: ScoringModel) -> tuple[str, ...]:
    parts = [f"{name} {features[name]:.2f}" for name in _SHOWN if features.get(name)]
    contributions = sorted(
        ((model.weights.get(n, 0.0) * v, n) for n, v in features.items()), reverse=True
    )
    top = [n for c, n in contributions[:3] if c > 0]
    return (*parts, f"strongest: {', '.join(top) or 'none'}")


def learned_ranking(
    report: Report,
    equipment: frozenset[str],
    named: frozenset[str],
    incidents: Sequence[IncidentView],
    fleet: Sequence[Machine],
    model: ScoringModel,
) -> tuple[Scored, ...]:
    """Candidates by P(same incident), best first; naming the incident's id scores 1.
    Only the best carries its reasons (the decision gives those; the others' are unread)."""
    named_ids = profile_text(report.text).incident_ids
    features = candidate_features(report, equipment, named, incidents, fleet)
    scored = sorted(
        ((1.0 if i.id in named_ids else round(model.probability(f), 4), i.id, f)
         for i, f in zip(incidents, features, strict=True)),
        key=lambda s: (-s[0], s[1]),
    )
    return tuple(
        Scored(iid, score, () if n else (
            (f"the report names {iid}",) if iid in named_ids else _reasons(f, model)))
        for n, (score, iid, f) in enumerate(scored)
    )
