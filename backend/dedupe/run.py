"""Feed labelled cases through a ReportSink and measure the clustering it makes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from backend.dedupe.cases import Case
from backend.dedupe.metrics import Figures, bcubed, pairwise
from backend.dedupe.sink import ReportSink
from backend.domain.dedupe import Outcome

Clustering = tuple[dict[str, str], dict[str, str]]  # (truth, predicted) by report id


@dataclass(frozen=True)
class ModeResult:
    pairwise: Figures
    bcubed: Figures
    asks: int
    ask_share: float


@dataclass(frozen=True)
class Evaluation:
    cases: int
    reports: int
    automatic: ModeResult  # every ask left unanswered: the report opens a new incident
    answered: ModeResult  # every ask answered correctly by the customer

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


async def run_case(case: Case, sink: ReportSink, answered: bool) -> tuple[Clustering, int]:
    """Reports go in time order; before the first report marked after_resolved (and
    before the first of each later run of them) every open incident is resolved."""
    await sink.start_case(case)
    truth_of_incident: dict[str, str] = {}
    predicted: dict[str, str] = {}
    asks, previous_after = 0, False
    for report in case.reports:
        if report.after_resolved and not previous_after:
            await sink.resolve_all(report.at)
        previous_after = report.after_resolved
        decision = await sink.report(report)
        if decision.outcome is Outcome.ASK:
            asks += 1
            asked = truth_of_incident.get(decision.incident_id or "")
            await sink.answer(report.rid, answered and asked == report.truth)
        incident = await sink.incident_of(report.rid)
        truth_of_incident.setdefault(incident, report.truth)
        predicted[report.rid] = incident
    truth = {r.rid: r.truth for r in case.reports}
    return (truth, predicted), asks


async def _mode(cases: Sequence[Case], sink: ReportSink, answered: bool) -> ModeResult:
    groups, asks = [], 0
    for case in cases:
        clustering, case_asks = await run_case(case, sink, answered)
        groups.append(clustering)
        asks += case_asks
    reports = sum(len(c.reports) for c in cases)
    return ModeResult(pairwise(groups), bcubed(groups), asks, asks / reports if reports else 0.0)


async def evaluate(cases: Sequence[Case], sink: ReportSink) -> Evaluation:
    """Both modes, each on its own pass (the sink starts fresh for every case)."""
    automatic = await _mode(cases, sink, answered=False)
    answered = await _mode(cases, sink, answered=True)
    return Evaluation(len(cases), sum(len(c.reports) for c in cases), automatic, answered)
