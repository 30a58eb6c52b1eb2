"""Training pairs from labelled cases: (features, same incident?) per report and candidate.

Each case is replayed in time order with every earlier report filed where its label
says (an oracle state): for each report, the open incidents the product would compare
it with (same blocking) give one pair each, computed by the domain's own
`candidate_features`. Reports that name an incident id are left out (a rule decides them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from backend.dedupe.cases import Case
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig, IncidentStatus, Report, find_candidates
from backend.domain.dedupe.fleet import infer_equipment, named_by_serial
from backend.domain.dedupe.profile import profile_text
from backend.domain.dedupe.rank import candidate_features


@dataclass(frozen=True)
class Pair:
    case: str
    rid: str
    incident: str
    features: dict[str, float]
    same: bool


def case_pairs(case: Case, config: DedupeConfig) -> Iterator[Pair]:
    sink = InMemorySink(config)
    sink.customer, sink.machines = case.customer, case.machines
    truth_of: dict[str, str] = {}
    previous_after = False
    for r in case.reports:
        if r.after_resolved and not previous_after:
            for kept in sink.incidents.values():
                kept.resolved_at = kept.resolved_at or r.at
        previous_after = r.after_resolved
        report = Report(case.customer, r.text, r.at, r.channel, r.sender, r.serial)
        equipment = infer_equipment(r.text, case.machines, r.serial)
        views = [i.view(case.customer) for i in sink.incidents.values()]
        named = named_by_serial(r.text, case.machines, r.serial)
        found = find_candidates(report, equipment, views, config, named).open
        if found and not profile_text(r.text).incident_ids:
            features = candidate_features(report, equipment, named, found, case.machines)
            for incident, f in zip(found, features, strict=True):
                yield Pair(case.case, r.rid, incident.id, f, truth_of[incident.id] == r.truth)
        target = next((v.id for v in views if truth_of[v.id] == r.truth
                       and v.status is IncidentStatus.OPEN), None)
        if target is not None:
            sink.attach(r, target, equipment)
        else:
            sink.open(r, equipment)
            truth_of[sink.filed[r.rid]] = r.truth


def training_pairs(cases: Sequence[Case], config: DedupeConfig) -> list[Pair]:
    return [p for case in cases for p in case_pairs(case, config)]
