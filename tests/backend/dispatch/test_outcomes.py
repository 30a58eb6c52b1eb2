"""Outcomes other than "finished", on the controllable clock (a Monday 11:00 in Madrid):
a delay tells the customer the new time, a follow-up visit keeps the incident open, plans
the next service order and tells the customer the day; neither resolves the incident nor
stops the SLA clock (the resolution deadline still breaches when it passes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from backend.adapters.orm import ServiceOrder
from backend.adapters.orm.dispatch import Dispatch, SlaTimerRow
from backend.adapters.orm.outbox import OutboxItem
from backend.services.platform.scheduler import tick
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.dispatch.test_accept_race import T01_PHONE, offered_to_t01
from tests.backend.helpers import call
from tests.conftest import FakeClock

CUSTOMER_PHONE = "+34976123456"
MADRID = ZoneInfo("Europe/Madrid")


async def says(desk: Any, *texts: str) -> None:
    for text in texts:
        status, body = await call(desk, "POST", "/api/technicians/inbound", "gateway",
                                  json={"channel": "sms", "address": T01_PHONE, "text": text})
        assert status == 200 and body["handled"], body


async def snapshot(uows: UnitOfWorkFactory, incident: str) -> dict[str, Any]:
    async with uows() as uow:
        d = (await uow.session.execute(select(Dispatch).where(
            Dispatch.incident_id == incident).order_by(Dispatch.id))).scalars().all()[-1]
        timers = {t.kind: t for t in (await uow.session.execute(select(SlaTimerRow).where(
            SlaTimerRow.incident_id == incident))).scalars()}
        orders = (await uow.session.execute(select(ServiceOrder).where(
            ServiceOrder.incident_id == incident).order_by(ServiceOrder.id))).scalars().all()
        told = [t for a, t in (await uow.session.execute(select(
            OutboxItem.address, OutboxItem.text).order_by(OutboxItem.seq))).all()
            if a == CUSTOMER_PHONE and incident in t]
        resolution = timers["resolution"]
        return {"outcome": d.outcome, "eta": d.eta, "day": d.follow_up_on, "state": d.state,
                "orders": [(o.state, o.notes) for o in orders], "told": told,
                "resolution_met": resolution.met_at, "resolution_due": resolution.due_at}


async def breaches_after_due(desk: Any, uows: UnitOfWorkFactory, clock: FakeClock,
                             incident: str, due: datetime) -> None:
    clock.now = due
    clock.advance(minutes=1)
    await tick(uows, clock(), maintenance=False)
    status, body = await call(desk, "GET", f"/api/incidents/{incident}/sla", "agents")
    assert status == 200
    resolution = next(t for t in body["timers"] if t["kind"] == "resolution")
    assert resolution["breached_at"] is not None and resolution["met_at"] is None


async def test_follow_up_keeps_the_incident_open_plans_an_order_and_tells_the_day(
        desk: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    incident = await offered_to_t01(desk)
    await says(desk, "1", "voy", "ya llegue",
               "hay que pedir la placa al proveedor, vuelvo el jueves a montarla")
    after = await snapshot(uows, incident)
    assert after["outcome"] == "follow_up" and after["state"] == "follow_up"
    assert after["day"] == date(2025, 6, 5)  # the Thursday after Monday 2 June
    assert len(after["orders"]) == 2 and after["orders"][-1][0] == "open"
    assert "2025-06-05" in (after["orders"][-1][1] or "")
    assert any("volverá el jueves 05/06" in t for t in after["told"]), after["told"]
    _, body = await call(desk, "GET", f"/api/incidents/{incident}", "agents")
    assert body["state"] == "in_progress"
    assert after["resolution_met"] is None
    await breaches_after_due(desk, uows, clock, incident, after["resolution_due"])


async def test_delay_tells_the_customer_the_new_time_and_stops_no_clock(
        desk: Any, uows: UnitOfWorkFactory, clock: FakeClock) -> None:
    incident = await offered_to_t01(desk)
    await says(desk, "1", "1", "voy con retraso, hay un accidente en la A-2")
    pending = await snapshot(uows, incident)
    assert pending["outcome"] is None  # the time is asked for
    await says(desk, "a las 13:30 estoy alli")
    after = await snapshot(uows, incident)
    assert after["outcome"] == "delay" and after["state"] == "on_the_way"
    assert after["eta"].astimezone(MADRID).strftime("%H:%M") == "13:30"
    assert any("13:30" in t for t in after["told"]), after["told"]
    _, body = await call(desk, "GET", f"/api/incidents/{incident}", "agents")
    assert body["state"] == "in_progress"
    assert after["resolution_met"] is None
    await breaches_after_due(desk, uows, clock, incident, after["resolution_due"])
