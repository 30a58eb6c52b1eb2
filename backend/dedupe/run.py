"""Feed labelled cases through a ReportSink and measure the clustering it makes.

A case that cannot be run (a field missing, a value of the wrong kind, anything the
sink refuses) is reported as a per-case error and left out of the figures; it never
stops the evaluation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from backend.dedupe.cases import Case, CaseError
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
    errors: tuple[CaseError, ...] = ()  # cases that could not be run (left out above)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Collected:
    """Clusterings of the cases run, by mode, and the asks of each mode."""

    automatic: list[Clustering] = field(default_factory=list)
    answered: list[Clustering] = field(default_factory=list)
    asks: dict[str, int] = field(default_factory=lambda: {"automatic": 0, "answered": 0})
    reports: int = 0
    cases: int = 0
    errors: list[CaseError] = field(default_factory=list)

    def extend(self, other: Collected) -> None:
        self.automatic += other.automatic
        self.answered += other.answered
        for mode in self.asks:
            self.asks[mode] += other.asks[mode]
        self.reports += other.reports
        self.cases += other.cases
        self.errors += other.errors

    def _mode(self, name: str) -> ModeResult:
        groups = self.automatic if name == "automatic" else self.answered
        asks = self.asks[name]
        share = asks / self.reports if self.reports else 0.0
        return ModeResult(pairwise(groups), bcubed(groups), asks, share)

    def evaluation(self) -> Evaluation:
        return Evaluation(self.cases, self.reports, self._mode("automatic"),
                          self._mode("answered"), tuple(self.errors))


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


async def collect(cases: Sequence[Case], sink: ReportSink) -> Collected:
    """Run each case in both modes; a case that raises becomes an error, not a crash."""
    out = Collected()
    for case in cases:
        try:
            auto, auto_asks = await run_case(case, sink, answered=False)
            both, both_asks = await run_case(case, sink, answered=True)
        except Exception as error:  # noqa: BLE001 - one bad case must not stop the others
            out.errors.append(CaseError(case.source, case.line, case.case,
                                        f"{type(error).__name__}: {error}"))
            continue
        out.automatic.append(auto)
        out.answered.append(both)
        out.asks["automatic"] += auto_asks
        out.asks["answered"] += both_asks
        out.reports += len(case.reports)
        out.cases += 1
    return out


async def evaluate(cases: Sequence[Case], sink: ReportSink) -> Evaluation:
    """Both modes (the sink starts fresh for every case and mode)."""
    return (await collect(cases, sink)).evaluation()
