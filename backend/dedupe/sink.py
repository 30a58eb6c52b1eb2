"""Where the evaluator sends reports: a small Protocol and an in-memory implementation.

The product's implementation will run the ReportProblem service on a fresh
database behind the same Protocol; `InMemorySink` uses exactly the domain
functions (blocking, scoring, decision) with a list for a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from backend.dedupe.cases import Case, CaseReport
from backend.domain.dedupe import (
    Decision,
    DedupeConfig,
    IncidentStatus,
    IncidentView,
    Machine,
    Outcome,
    Report,
    decide,
)


class ReportSink(Protocol):
    async def start_case(self, case: Case) -> None:
        """Forget everything; the case's customer and machines are the only data."""

    async def report(self, report: CaseReport) -> Decision:
        """File a report: merge and new take effect at once, ask waits for `answer`."""

    async def answer(self, rid: str, confirmed: bool) -> None:
        """The customer's answer to an ask: yes attaches, no opens a new incident."""

    async def incident_of(self, rid: str) -> str:
        """The incident a filed report ended up in."""

    async def resolve_all(self, at: datetime) -> None:
        """Resolve every open incident of the case at `at`."""


@dataclass
class _Incident:
    id: str
    texts: list[str]
    equipment_ids: frozenset[str]
    opened_at: datetime
    last_report_at: datetime
    channel: str
    senders: set[str]
    resolved_at: datetime | None = None

    def view(self, customer: str) -> IncidentView:
        status = IncidentStatus.OPEN if self.resolved_at is None else IncidentStatus.RESOLVED
        return IncidentView(
            id=self.id,
            customer=customer,
            status=status,
            texts=tuple(self.texts),
            equipment_ids=self.equipment_ids,
            opened_at=self.opened_at,
            last_report_at=self.last_report_at,
            channel=self.channel,
            resolved_at=self.resolved_at,
            senders=frozenset(self.senders),
        )


@dataclass
class InMemorySink:
    config: DedupeConfig
    customer: str = ""
    machines: tuple[Machine, ...] = ()
    incidents: dict[str, _Incident] = field(default_factory=dict)
    filed: dict[str, str] = field(default_factory=dict)  # report id → incident id
    pending: dict[str, tuple[CaseReport, Decision]] = field(default_factory=dict)

    async def start_case(self, case: Case) -> None:
        self.customer, self.machines = case.customer, case.machines
        self.incidents, self.filed, self.pending = {}, {}, {}

    async def report(self, report: CaseReport) -> Decision:
        views = [i.view(self.customer) for i in self.incidents.values()]
        incoming = Report(
            self.customer, report.text, report.at, report.channel, report.sender, report.serial
        )
        decision = decide(incoming, self.machines, views, self.config)
        if decision.outcome is Outcome.MERGE and decision.incident_id:
            self.attach(report, decision.incident_id, decision.equipment_ids)
        elif decision.outcome is Outcome.ASK:
            self.pending[report.rid] = (report, decision)
        else:
            self.open(report, decision.equipment_ids)
        return decision

    async def answer(self, rid: str, confirmed: bool) -> None:
        report, decision = self.pending.pop(rid)
        if confirmed and decision.incident_id:
            self.attach(report, decision.incident_id, decision.equipment_ids)
        else:
            self.open(report, decision.equipment_ids)

    async def incident_of(self, rid: str) -> str:
        return self.filed[rid]

    async def resolve_all(self, at: datetime) -> None:
        for incident in self.incidents.values():
            if incident.resolved_at is None:
                incident.resolved_at = at

    def open(self, report: CaseReport, equipment: frozenset[str]) -> None:
        iid = f"INC-{len(self.incidents) + 1:05d}"
        self.incidents[iid] = _Incident(
            iid, [report.text], equipment, report.at, report.at, report.channel, {_who(report)}
        )
        self.filed[report.rid] = iid

    def attach(self, report: CaseReport, iid: str, equipment: frozenset[str]) -> None:
        incident = self.incidents[iid]
        incident.texts.append(report.text)
        incident.senders.add(_who(report))
        incident.last_report_at = max(incident.last_report_at, report.at)
        narrowed = (
            incident.equipment_ids & equipment
            if incident.equipment_ids and equipment
            else frozenset()
        )
        incident.equipment_ids = narrowed or incident.equipment_ids or equipment
        self.filed[report.rid] = iid


def _who(report: CaseReport) -> str:
    return report.sender.strip().lower()
