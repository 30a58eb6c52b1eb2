"""Acceptance 5: SLA warnings and escalations of an 8x5 contract fire through the
scheduler's tick and the database at the right moments, across a night, a weekend and a
holiday — stepping a controllable clock tick by tick (SQLite and PostgreSQL).

Contract CT-0001 here: mon-fri 09:00-17:00 Madrid, national holidays; medium priority has
4 covered hours to respond and 16 to resolve; warning at 75 % of the covered time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from backend.adapters.orm import IncidentEvent
from backend.adapters.orm.dispatch import SlaTimerRow
from backend.adapters.orm.outbox import OutboxItem
from backend.services.coverage.sla import timer_view
from backend.services.platform.scheduler import tick
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.helpers import call, report_incident, verified_conversation
from tests.conftest import FakeClock

MADRID = ZoneInfo("Europe/Madrid")
SUPERVISOR = "3100900001"  # Pilar Gracia, Telegram (queue `frio`: compressors)
TECHNICIAN = "+34600111222"  # T-01 Javier Royo, SMS
Hook = Callable[[], Awaitable[None]]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def show(moment: datetime) -> str:
    return moment.astimezone(MADRID).strftime("%a %d/%m %H:%M:%S")


async def sla_messages(uows: UnitOfWorkFactory) -> list[tuple[str, str, str]]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(OutboxItem).where(
            OutboxItem.text.like("Avisa SLA%")).order_by(OutboxItem.seq))).scalars()
        return [(r.channel, r.address, r.text) for r in rows]


async def walk(uows: UnitOfWorkFactory, clock: FakeClock, until: datetime,
               hooks: dict[datetime, Hook], sharp: list[datetime]) -> dict[str, list[Any]]:
    """Tick every hour (and one second before each `sharp` moment) up to `until`; run a
    hook at its moment before that tick. → {tick time: SLA messages that tick produced}."""
    moments = set(hooks) | {m - timedelta(seconds=1) for m in sharp} | set(sharp)
    t = clock.now
    while t <= until:
        moments.add(t)
        t += timedelta(hours=1)
    fired: dict[str, list[Any]] = {}
    seen = len(await sla_messages(uows))
    for moment in sorted(m for m in moments if clock.now <= m <= until):
        clock.now = moment
        if moment in hooks:
            await hooks[moment]()
        result = await tick(uows, moment, maintenance=False)
        now_seen = await sla_messages(uows)
        if len(now_seen) > seen:
            fired[show(moment)] = [result["sla"], *now_seen[seen:]]
        seen = len(now_seen)
    return fired


async def report(client: Any) -> str:
    cid = await verified_conversation(client)
    inc = await report_incident(client, cid, {"equipment_id": "EQ-0001", "priority": "medium",
                                              "symptom": "el compresor salta al arrancar"})
    return str(inc["id"])


async def timers(uows: UnitOfWorkFactory, incident_id: str) -> dict[str, SimpleNamespace]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(SlaTimerRow).where(
            SlaTimerRow.incident_id == incident_id))).scalars()
        return {r.kind: SimpleNamespace(**timer_view(r)) for r in rows}


async def breach_events(uows: UnitOfWorkFactory, incident_id: str) -> list[str | None]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(IncidentEvent).where(
            IncidentEvent.incident_id == incident_id, IncidentEvent.kind == "sla_breached")
            .order_by(IncidentEvent.id))).scalars()
        return [r.note for r in rows]


def iso(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


async def moments(uows: UnitOfWorkFactory, incident_id: str,
                  *names: str) -> dict[str, tuple[datetime | None, ...]]:
    """The moments ``names`` (warn_at, due_at…) of each timer of the incident, by kind."""
    return {kind: tuple(iso(getattr(timer, name)) for name in names)
            for kind, timer in (await timers(uows, incident_id)).items()}


def to_supervisor(text: str) -> tuple[str, str, str]:
    return ("telegram", SUPERVISOR, text)


WARNED = {"warned": 1, "breached": 0}


def warned(incident: str, kind: str, due: str) -> list[Any]:
    """What a tick reports and sends when ``kind`` (respuesta, resolución) nears ``due``."""
    return [WARNED, to_supervisor(f"Avisa SLA: {incident} vence ({kind}) a las {due}.")]


def breached(incident: str, kind: str, due: str) -> list[Any]:
    """What a tick reports and sends when ``kind`` passed ``due``."""
    return [{"warned": 0, "breached": 1},
            to_supervisor(f"Avisa SLA INCUMPLIDO: {incident} ({kind}) venció a las {due}.")]


async def test_friday_afternoon_incident_warns_and_escalates_on_monday_morning(
        desk: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    clock.now = at("2026-06-05 16:00")  # Friday, one covered hour left
    incident = await report(desk)
    assert await moments(uows, incident, "warn_at", "due_at") == {
        "response": (at("2026-06-08 11:00"), at("2026-06-08 12:00")),
        "resolution": (at("2026-06-09 12:00"), at("2026-06-09 16:00"))}

    fired = await walk(uows, clock, at("2026-06-10 10:00"), {}, sharp=[
        at("2026-06-08 11:00"), at("2026-06-08 12:00"), at("2026-06-09 12:00"),
        at("2026-06-09 16:00")])

    # Friday night, the whole weekend and Monday 09:00-10:59:59 are quiet; each message
    # comes exactly once, at the first tick at or after its moment.
    assert fired == {
        "Mon 08/06 11:00:00": warned(incident, "respuesta", "08/06 12:00"),
        "Mon 08/06 12:00:00": breached(incident, "respuesta", "08/06 12:00"),
        "Tue 09/06 12:00:00": warned(incident, "resolución", "09/06 16:00"),
        "Tue 09/06 16:00:00": breached(incident, "resolución", "09/06 16:00"),
    }
    assert await moments(uows, incident, "warned_at", "breached_at") == {
        "response": (at("2026-06-08 11:00"), at("2026-06-08 12:00")),
        "resolution": (at("2026-06-09 12:00"), at("2026-06-09 16:00"))}
    assert await breach_events(uows, incident) == ["response", "resolution"]
    _, listed = await call(desk, "GET", "/api/sla/breaches", "agents")
    assert [(b["incident_id"], b["kind"], iso(b["breached_at"])) for b in listed["breaches"]] == [
        (incident, "resolution", at("2026-06-09 16:00")),
        (incident, "response", at("2026-06-08 12:00"))]


async def test_holiday_is_quiet_and_a_met_response_never_escalates(
        desk: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    clock.now = at("2026-12-07 16:00")  # Monday; Tuesday 8 December is a national holiday
    incident = await report(desk)
    assert await moments(uows, incident, "warn_at", "due_at") == {
        "response": (at("2026-12-09 11:00"), at("2026-12-09 12:00")),
        "resolution": (at("2026-12-10 12:00"), at("2026-12-10 16:00"))}

    async def agent_assigns_and_technician_accepts() -> None:
        status, body = await call(desk, "POST", f"/api/incidents/{incident}/dispatch", "agents",
                                  json={"technician_id": "T-01"})
        assert status == 200 and body["dispatch"]["technician_id"] == "T-01", body
        status, body = await call(desk, "POST", "/api/technicians/inbound", "gateway",
                                  json={"channel": "sms", "address": TECHNICIAN, "text": "1"})
        assert status == 200 and body["action"] == "acc", body

    fired = await walk(uows, clock, at("2026-12-11 10:00"),
                       {at("2026-12-09 11:30"): agent_assigns_and_technician_accepts},
                       sharp=[at("2026-12-09 11:00"), at("2026-12-09 12:00"),
                              at("2026-12-10 12:00"), at("2026-12-10 16:00")])

    warn = f"Avisa SLA: {incident} vence (resolución) a las 10/12 16:00."
    assert fired == {
        "Wed 09/12 11:00:00": warned(incident, "respuesta", "09/12 12:00"),
        # response met at 11:30: no breach at 12:00; the resolution warning reaches the
        # technician on the job as well
        "Thu 10/12 12:00:00": [WARNED, to_supervisor(warn), ("sms", TECHNICIAN, warn)],
        "Thu 10/12 16:00:00": breached(incident, "resolución", "10/12 16:00"),
    }
    rows = await timers(uows, incident)
    assert iso(rows["response"].met_at) == at("2026-12-09 11:30")
    assert rows["response"].breached_at is None
    assert await breach_events(uows, incident) == ["resolution"]
