"""Reassignment is a state transition from any active state: an agent gives a job that is
accepted, on the way or on site to another technician; the previous one is told at once
(in words, not internal codes), the new one can accept, the incident stays in progress and
the customer is told who is coming now. Then 100 free accept-vs-reassign races on
PostgreSQL each end with exactly one winner and the loser told (409 for the agent)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, update

from backend.adapters.orm import Incident
from backend.adapters.orm.dispatch import Dispatch
from backend.adapters.orm.outbox import OutboxItem
from backend.config import Settings
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.dispatch.test_accept_race import (
    T01_PHONE,
    T02_PHONE,
    free_race,
    needs_concurrent_writers,
    offered_to_t01,
)
from tests.backend.helpers import call

CUSTOMER_PHONE = "+34976123456"


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str]) -> Settings:
    """No background scheduler: its sweep would be a third writer in the races."""
    return Settings(database_url=db_url, tokens=tokens, scheduler_interval=0)
STEPS = {"accepted": ("1",), "on_the_way": ("1", "voy"), "arrived": ("1", "voy", "llegue")}


async def says(desk: Any, phone: str, *texts: str) -> None:
    for text in texts:
        status, body = await call(desk, "POST", "/api/technicians/inbound", "gateway",
                                  json={"channel": "sms", "address": phone, "text": text})
        assert status == 200 and body["handled"], body


async def texts_to(uows: UnitOfWorkFactory, phone: str, incident: str) -> list[str]:
    async with uows() as uow:
        rows = (await uow.session.execute(select(OutboxItem.address, OutboxItem.text)
                                          .order_by(OutboxItem.seq))).all()
    return [t for a, t in rows if a == phone and incident in t]


@pytest.mark.parametrize("start", ["accepted", "on_the_way", "arrived"])
async def test_a_job_under_way_is_reassigned_and_accepted_by_the_new_technician(
        desk: Any, uows: UnitOfWorkFactory, start: str) -> None:
    incident = await offered_to_t01(desk)
    await says(desk, T01_PHONE, *STEPS[start])
    status, body = await call(desk, "POST", f"/api/incidents/{incident}/dispatch", "agents",
                              json={"technician_id": "T-02", "agent": "lucia"})
    assert status == 200 and body["dispatch"]["technician_id"] == "T-02", body
    told = (await texts_to(uows, T01_PHONE, incident))[-1]
    assert "ya no esta a su nombre (reasignado por la oficina)" in told
    assert "agents" not in told and "lucia" not in told
    await says(desk, T02_PHONE, "1")
    async with uows() as uow:
        offers = [(d.technician_id, d.state) for d in (await uow.session.execute(
            select(Dispatch).where(Dispatch.incident_id == incident)
            .order_by(Dispatch.id))).scalars()]
    assert offers[-2:] == [("T-01", "withdrawn"), ("T-02", "accepted")]
    assert any("aceptado" in t for t in await texts_to(uows, T02_PHONE, incident))
    _, inc = await call(desk, "GET", f"/api/incidents/{incident}", "agents")
    assert inc["state"] == ("acknowledged" if start == "accepted" else "in_progress")
    assert any("Nuria" in t for t in await texts_to(uows, CUSTOMER_PHONE, incident))
    await says(desk, T01_PHONE, "llegue")  # the old technician's words change nothing now
    async with uows() as uow:
        after = [(d.technician_id, d.state) for d in (await uow.session.execute(
            select(Dispatch).where(Dispatch.incident_id == incident)
            .order_by(Dispatch.id))).scalars()]
    assert after == offers


async def test_100_accept_vs_reassign_races_end_with_exactly_one_winner(
        desk: Any, uows: UnitOfWorkFactory, db_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    needs_concurrent_writers(db_url)
    winners: list[str] = []
    for _ in range(100):
        incident = await offered_to_t01(desk)
        winners.append(await free_race(desk, uows, incident, monkeypatch))
        async with uows() as uow:  # out of the way of the next race (dedupe, load)
            await uow.session.execute(update(Incident).where(Incident.id == incident)
                                      .values(state="cancelled"))
            await uow.session.execute(update(Dispatch).where(Dispatch.incident_id == incident)
                                      .values(state="finished"))
            await uow.commit()
    assert len(winners) == 100
