"""Maintenance slots: a plan opens the visits and offers slots on the customer's channel
(buttons `/choose_slot{...}`); the customer's answer, through the bot's action, books one
for the verified customer's own visit — once (the first choice wins, also when two
choices race), only a slot offered and not begun, only while the visit is open — and
the booked visit is dispatched. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from backend.adapters.orm import IncidentEvent
from backend.adapters.orm.outbox import OutboxItem
from backend.services.dispatch import maintenance_slots
from backend.services.dispatch.maintenance import generate_maintenance
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.helpers import call, inbound
from tests.conftest import FakeClock

MADRID = ZoneInfo("Europe/Madrid")
PLANS = """
plans:
  - id: PM-TEST
    contract: CT-0001
    every_weeks: 4
    start: 2026-06-15
    lead_days: 14
    slots: ["09:00-11:00", "16:00-18:00"]
    task: {es: revisión, en: service}
"""
MARTA_TELEGRAM, MARTA_SMS = "100200301", "+34976123456"


@pytest.fixture
async def visits(desk: Any, uows: UnitOfWorkFactory, clock: FakeClock, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two visits due Monday 15 June 2026 (EQ-0001, EQ-0002), offered on Friday 5 June."""
    plans = tmp_path / "plans.yml"
    plans.write_text(PLANS, encoding="utf-8")
    monkeypatch.setattr(maintenance_slots, "PLANS_FILE", plans)
    clock.now = datetime(2026, 6, 5, 10, 0, tzinfo=MADRID)
    created = (await generate_maintenance(uows, clock.now, PLANS))["created"]
    assert len(created) == 2
    return list(created)


async def conversation(desk: Any, channel: str = "telegram", address: str = MARTA_TELEGRAM
                       ) -> str:
    return str((await inbound(desk, channel, address))["conversation_id"])


async def choose(desk: Any, cid: str, incident: str, slot: str) -> tuple[int, Any]:
    return await call(desk, "POST", f"/api/conversations/{cid}/incidents/{incident}/slot",
                      "actions", json={"slot": slot})


async def booked_events(uows: UnitOfWorkFactory, incident: str) -> list[str | None]:
    async with uows() as uow:
        return list((await uow.session.execute(select(IncidentEvent.note).where(
            IncidentEvent.incident_id == incident, IncidentEvent.kind == "slot_booked")
        )).scalars())


async def test_offer_buttons_carry_the_bots_choose_slot_payload(
        visits: list[str], uows: UnitOfWorkFactory) -> None:
    async with uows() as uow:
        item = (await uow.session.execute(select(OutboxItem).where(
            OutboxItem.kind == "maintenance_slot").order_by(OutboxItem.seq))).scalars().first()
        assert item is not None
        assert (item.channel, item.address) == ("telegram", MARTA_TELEGRAM)
        payloads = [b["payload"] for b in item.buttons or []]
    assert payloads[0] == (
        f'/choose_slot{{"incident_id":"{visits[0]}","time_slot":"2026-06-15 09:00-11:00"}}')
    for p in payloads:  # Rasa's `/intent{json}` syntax: entities incident_id and time_slot
        intent, _, entities = p.partition("{")
        assert intent == "/choose_slot" and set(json.loads("{" + entities)) == {
            "incident_id", "time_slot"}


async def test_verified_customer_books_an_offered_slot_once(
        desk: Any, visits: list[str], uows: UnitOfWorkFactory) -> None:
    cid = await conversation(desk)
    status, body = await choose(desk, cid, visits[0], "2026-06-15 16:00-18:00")
    assert status == 200, body
    assert body == {"outcome": "booked", "incident_id": visits[0],
                    "slot": "2026-06-15 16:00-18:00", "day": "15/06/2026",
                    "window": "16:00-18:00",
                    "equipment": {"id": "EQ-0001", "serial": "CMP-2291-X",
                                  "model": "Atlas Copco GA 37 VSD", "family": "compressor"}}
    # the booked visit goes to a technician (preventive work waited for the slot)
    _, routing = await call(desk, "GET", f"/api/incidents/{visits[0]}/routing", "agents")
    assert routing["dispatches"], routing
    # choosing again (the same or another slot) changes nothing and says what is booked
    for again in ("2026-06-15 16:00-18:00", "2026-06-15 09:00-11:00"):
        status, body = await choose(desk, cid, visits[0], again)
        assert status == 200 and body["outcome"] == "already_booked", body
        assert body["slot"] == "2026-06-15 16:00-18:00"
    assert await booked_events(uows, visits[0]) == ["2026-06-15 16:00-18:00"]


@pytest.mark.parametrize("slot", [
    "2026-06-15 11:00-13:00",  # not one of the plan's windows
    "2026-06-16 09:00-11:00",  # not the visit's day
    "mañana por la tarde",     # not a slot at all
])
async def test_a_slot_not_offered_is_gone(desk: Any, visits: list[str], slot: str,
                                          uows: UnitOfWorkFactory) -> None:
    status, body = await choose(desk, await conversation(desk), visits[0], slot)
    assert status == 409 and body["error"]["code"] == "invalid_transition", body
    assert await booked_events(uows, visits[0]) == []


async def test_a_slot_already_begun_or_a_closed_visit_is_gone(
        desk: Any, visits: list[str], clock: FakeClock) -> None:
    cid = await conversation(desk)
    clock.now = datetime(2026, 6, 15, 16, 30, tzinfo=MADRID)
    assert await conversation(desk) == cid  # she writes then (the actions act in session)
    status, body = await choose(desk, cid, visits[1], "2026-06-15 16:00-18:00")
    assert status == 409 and "already begun" in body["error"]["message"], body
    status, _ = await call(desk, "POST", f"/api/conversations/{cid}/incidents/{visits[0]}/cancel",
                           "actions", json={"reason": "ya no hace falta"})
    assert status == 200
    clock.now = datetime(2026, 6, 10, 9, 0, tzinfo=MADRID)
    status, body = await choose(desk, cid, visits[0], "2026-06-15 16:00-18:00")
    assert status == 409 and body["error"]["code"] == "invalid_transition", body


async def test_unverified_or_other_customers_cannot_book(desk: Any, visits: list[str]) -> None:
    stranger = await conversation(desk, "telegram", "999000111")
    status, body = await choose(desk, stranger, visits[0], "2026-06-15 09:00-11:00")
    assert status == 403 and body["error"]["code"] == "not_verified", body
    alice = await conversation(desk, "email", "alice.grey@northwind.example")  # C-1002
    status, body = await choose(desk, alice, visits[0], "2026-06-15 09:00-11:00")
    assert status == 404 and body["error"]["code"] == "not_found", body


async def test_two_contacts_choosing_at_once_book_one_slot(
        desk: Any, visits: list[str], uows: UnitOfWorkFactory) -> None:
    on_telegram, on_sms = await conversation(desk), await conversation(desk, "sms", MARTA_SMS)
    (s1, b1), (s2, b2) = await asyncio.gather(
        choose(desk, on_telegram, visits[0], "2026-06-15 09:00-11:00"),
        choose(desk, on_sms, visits[0], "2026-06-15 16:00-18:00"))
    assert (s1, s2) == (200, 200), (b1, b2)
    assert sorted([b1["outcome"], b2["outcome"]]) == ["already_booked", "booked"]
    assert b1["slot"] == b2["slot"]  # the loser is told the slot the winner booked
    assert await booked_events(uows, visits[0]) == [b1["slot"]]


async def test_offered_slots_are_the_payloads_the_gateway_accepts_next(
        visits: list[str], desk: Any, uows: UnitOfWorkFactory) -> None:
    """The offer is the conversation's latest outbound message: the customer's tap on a
    slot reaches Rasa as the `/choose_slot{...}` payload, not as slash-stripped text."""
    async with uows() as uow:
        items = [(item.conversation_id, [b["payload"] for b in item.buttons or []])
                 for item in (await uow.session.execute(select(OutboxItem).where(
                     OutboxItem.kind == "maintenance_slot").order_by(OutboxItem.seq))).scalars()]
    assert items and all(cid for cid, _ in items)
    answer = await inbound(desk, "telegram", MARTA_TELEGRAM)
    assert answer["conversation_id"] == items[-1][0]
    assert answer["offered_payloads"] == items[-1][1]
