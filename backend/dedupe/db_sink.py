"""A ReportSink that runs the product's own ReportProblem handler on a real database.

For each case a fresh SQLite file (a copy of one migrated template) gets the case's
customer, sites and equipment; each report arrives on a verified conversation of its
channel and sender, at its own time (a settable clock), and goes through
`backend.services.incidents.handlers.report_problem` — the duplicate check, filing, pending
asks — exactly as the bot's request would. Asks are answered through the same second
call the bot makes (`answer_pending_report`). Case channels "chat" and "phone_note"
become the backend's "web" and "rest".
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.adapters.db import create_engine, session_factory
from backend.adapters.migrate import upgrade_engine
from backend.adapters.orm import Conversation, Customer, Equipment, Incident, Site
from backend.dedupe.cases import Case, CaseReport
from backend.domain.dedupe import Decision, DedupeConfig, Outcome
from backend.domain.dedupe.families import family_of
from backend.domain.incident import State
from backend.services.dedupe.commands import AnswerPendingReport
from backend.services.dedupe.store import OPEN_STATES
from backend.services.incidents import handlers as incidents
from backend.services.incidents.records import event
from backend.services.platform.commands import ReportProblem
from backend.services.platform.uow import UnitOfWorkFactory

CHANNELS = {"chat": "web", "phone_note": "rest"}
OUTCOMES = {"created": Outcome.NEW, "merged": Outcome.MERGE, "ask": Outcome.ASK}


@dataclass
class SettableClock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class DbSink:
    config: DedupeConfig
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="avisa-dedupe-")))
    clock: SettableClock = field(default_factory=SettableClock)
    engine: AsyncEngine | None = None
    uows: UnitOfWorkFactory | None = None
    filed: dict[str, str] = field(default_factory=dict)  # report id → incident id
    pending: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # rid → cid, token, INC
    conversations: dict[tuple[str, str], str] = field(default_factory=dict)
    customer: str = ""

    async def _template(self) -> Path:
        path = self.workdir / "template.db"
        if not path.exists():
            engine = create_engine(f"sqlite+aiosqlite:///{path}")
            try:
                await upgrade_engine(engine)
            finally:
                await engine.dispose()
        return path

    async def start_case(self, case: Case) -> None:
        await self.close_engine()
        path = self.workdir / "case.db"
        shutil.copyfile(await self._template(), path)
        self.engine = create_engine(f"sqlite+aiosqlite:///{path}")
        self.uows = UnitOfWorkFactory(session_factory(self.engine), self.clock)
        self.filed, self.pending, self.conversations = {}, {}, {}
        self.customer = case.customer
        async with self.uows() as uow:
            uow.session.add(Customer(code=case.customer, name=case.customer, language="es"))
            sites = {m.site: f"S-{n}" for n, m in enumerate(case.machines, 1) if m.site}
            for name, site_id in sites.items():
                uow.session.add(Site(id=site_id, customer_code=case.customer, name=name))
            await uow.session.flush()
            for m in case.machines:
                uow.session.add(Equipment(
                    id=m.id, serial=m.serial or "", customer_code=case.customer,
                    site_id=sites.get(m.site or ""), family=family_of(m.label) or "other",
                    model=None, description=m.label, installed_on=None, warranty_end=None,
                ))
            await uow.commit()

    async def _conversation(self, report: CaseReport) -> str:
        channel = CHANNELS.get(report.channel, report.channel)
        key = (channel, report.sender)
        if key not in self.conversations:
            assert self.uows is not None
            async with self.uows() as uow:
                cid, _ = await uow.next_id("conversation")
                uow.session.add(Conversation(
                    id=cid, channel=channel, address=report.sender, customer_code=self.customer,
                    verified=True, verified_at=self.clock(), language="es", handled_by="bot",
                    created_at=self.clock(),
                ))
                await uow.commit()
            self.conversations[key] = cid
        return self.conversations[key]

    async def report(self, report: CaseReport) -> Decision:
        assert self.uows is not None
        self.clock.now = report.at
        cid = await self._conversation(report)
        cmd = ReportProblem(conversation_id=cid, symptom=report.text, priority="medium",
                            serial=report.serial)
        result = await incidents.report_problem(self.uows, cmd, self.config)
        outcome = OUTCOMES[result["outcome"]]
        if outcome is Outcome.ASK:
            candidate = result["candidate"]["id"]
            self.pending[report.rid] = (cid, result["pending_report"], candidate)
            return Decision(outcome, float(result["score"]), candidate)
        self.filed[report.rid] = result["id"]
        return Decision(outcome, float(result.get("score") or 0.0), result["id"],
                        recurrence_of=result.get("recurrence_of"))

    async def answer(self, rid: str, confirmed: bool) -> None:
        assert self.uows is not None
        cid, token, candidate = self.pending.pop(rid)
        cmd = AnswerPendingReport(cid, token, candidate if confirmed else None)
        self.filed[rid] = (await incidents.answer_pending_report(self.uows, cmd))["id"]

    async def incident_of(self, rid: str) -> str:
        return self.filed[rid]

    async def resolve_all(self, at: datetime) -> None:
        """The technician's side is someone else's code: set the state and its event."""
        assert self.uows is not None
        async with self.uows() as uow:
            result = await uow.session.execute(
                select(Incident).where(Incident.state.in_([s.value for s in OPEN_STATES]))
            )
            for incident in result.unique().scalars():
                event(uow, incident.id, "resolved", "evaluation", from_state=incident.state,
                      to_state=State.RESOLVED.value, at=at)
                incident.state, incident.updated_at = State.RESOLVED.value, at
            await uow.commit()

    async def close_engine(self) -> None:
        if self.engine is not None:
            await self.engine.dispose()
            self.engine = None

    async def close(self) -> None:
        await self.close_engine()
        shutil.rmtree(self.workdir, ignore_errors=True)
