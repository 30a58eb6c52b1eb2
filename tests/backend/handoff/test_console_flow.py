"""An agent takes, replies on the customer's channel, notes, transfers and hands back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Conversation, OutboxItem
from backend.api.keys import UOWS
from backend.services.handoff.sessions import set_available
from tests.backend.handoff.helpers import escalate, sign_in


async def outbox(client: Any) -> list[tuple[str, str, str]]:
    """(kind, channel, address) of every outbox row, oldest first."""
    async with client.server.app[UOWS]() as uow:
        rows = await uow.session.execute(select(OutboxItem).order_by(OutboxItem.seq))
        return [(r.kind, r.channel, r.address) for r in rows.scalars()]


async def handled_by(client: Any, cid: str) -> str:
    async with client.server.app[UOWS]() as uow:
        conversation = await uow.session.get(Conversation, cid)
        assert conversation is not None
        return conversation.handled_by


async def test_take_reply_note_and_hand_back_with_slots(desk, fake_rasa):
    cid, answer = await escalate(desk, slots={"symptom": "fuga de aceite", "priority": "high"})
    hid = answer["handoff_id"]
    ana = await sign_in(desk, "ana")
    _, queue = await ana.get("/queue")
    [item] = queue["items"]
    assert item["customer"] == {"code": "C-1001", "name": item["customer"]["name"]}
    assert item["verified"] and item["channel"] == "sms" and item["state"] == "waiting"
    assert item["summary"] == "fuga de aceite · prio high"
    status, _ = await ana.post(f"/handoffs/{hid}/reply", {"text": "too early"})
    assert status == 409  # take it first
    assert (await ana.post(f"/handoffs/{hid}/take"))[0] == 200
    bea = await sign_in(desk, "bea")
    status, body = await bea.post(f"/handoffs/{hid}/take")
    assert status == 409 and body["error"]["code"] == "already_taken"
    status, message = await ana.post(f"/handoffs/{hid}/reply", {"text": "Hola Marta, soy Ana."})
    assert status == 201 and message["payload"]["agent"] == "ana"
    assert (await outbox(desk))[-2:] == [
        ("agent_joined", "sms", "+34976123456"), ("agent_reply", "sms", "+34976123456")]
    assert (await ana.post(f"/handoffs/{hid}/notes", {"text": "cliente nervioso"}))[0] == 201
    _, detail = await ana.get(f"/conversations/{cid}")
    assert [e["kind"] for e in detail["log"]] == ["requested", "taken", "note"]
    assert detail["transcript"]["messages"][-1]["text"] == "Hola Marta, soy Ana."
    assert {"contracts", "equipment", "incidents", "coverage"} <= set(detail)
    status, body = await ana.post(f"/handoffs/{hid}/release", {"slots": {"verified": True}})
    assert status == 400  # not a slot agents may set
    status, done = await ana.post(f"/handoffs/{hid}/release",
                                  {"slots": {"serial_number": "CMP-2291-X"}})
    assert status == 200 and done["handled_by"] == "bot"
    assert fake_rasa.events == [(cid, [
        {"event": "resume"},
        {"event": "slot", "name": "serial_number", "value": "CMP-2291-X"},
        {"event": "slot", "name": "handoff_requested", "value": False},
        {"event": "action", "name": "action_listen"}])]  # the next message follows a listen
    assert await handled_by(desk, cid) == "bot"
    assert (await outbox(desk))[-1][0] == "agent_released"
    _, queue = await ana.get("/queue")
    assert queue["items"] == []


async def test_when_rasa_is_down_the_agent_keeps_the_conversation(desk, fake_rasa):
    cid, answer = await escalate(desk)
    ana = await sign_in(desk, "ana")
    await ana.post(f"/handoffs/{answer['handoff_id']}/take")
    fake_rasa.down = True
    status, body = await ana.post(f"/handoffs/{answer['handoff_id']}/release")
    assert status == 502 and body["error"]["code"] == "rasa_unavailable"
    assert await handled_by(desk, cid) == "agent"
    _, queue = await ana.get("/queue")
    assert queue["items"][0]["state"] == "assigned"


async def test_transfer_to_a_colleague_or_back_to_a_queue(desk):
    _, answer = await escalate(desk)
    hid = answer["handoff_id"]
    ana = await sign_in(desk, "ana")
    await ana.post(f"/handoffs/{hid}/take")
    status, body = await ana.post(f"/handoffs/{hid}/transfer", {"agent": "carl"})
    assert status == 403  # carl is not in the general queue
    status, body = await ana.post(f"/handoffs/{hid}/transfer", {"agent": "bea"})
    assert status == 200 and body["agent"] == "bea"
    assert (await ana.post(f"/handoffs/{hid}/reply", {"text": "x"}))[0] == 409
    bea = await sign_in(desk, "bea")
    status, body = await bea.post(f"/handoffs/{hid}/transfer", {"queue": "urgent"})
    assert status == 200 and body["state"] == "waiting" and body["queue"] == "urgent"
    _, queue = await ana.get("/queue")
    assert queue["items"] == []  # ana is not in urgent
    _, colleagues = await ana.get("/colleagues")
    assert [a["username"] for a in colleagues["agents"]] == ["bea", "root"]


async def test_automatic_assignment_to_the_least_busy_available_agent(desk):
    from dataclasses import replace

    from backend.api.keys import SETTINGS

    app = desk.server.app
    app._state[SETTINGS] = replace(app[SETTINGS], handoff=replace(app[SETTINGS].handoff,
                                                                  auto_assign=True))
    uows = app[UOWS]
    await set_available(uows, "ana", True)
    await set_available(uows, "bea", True)
    _, first = await escalate(desk, address="w-1", channel="web")
    _, second = await escalate(desk, address="w-2", channel="web")
    _, third = await escalate(desk, address="w-3", channel="web")
    assert [a["status"] for a in (first, second, third)] == ["assigned"] * 3
    assert [first["agent"], second["agent"], third["agent"]] == ["ana", "bea", "ana"]


async def test_agents_create_and_update_incidents_for_the_customer(desk):
    _, answer = await escalate(desk)
    hid = answer["handoff_id"]
    ana = await sign_in(desk, "ana")
    await ana.post(f"/handoffs/{hid}/take")
    status, created = await ana.post(f"/handoffs/{hid}/incidents", {
        "symptom": "el compresor pierde aceite", "priority": "high",
        "equipment_id": "EQ-0001"})
    assert status == 201 and created["outcome"] == "created", created
    status, updated = await ana.post(f"/handoffs/{hid}/incidents/{created['id']}",
                                     {"priority": "critical"}, method="PATCH")
    assert status == 200 and updated["priority"] == "critical"
    status, _ = await ana.post(f"/handoffs/{hid}/incidents/INC-09999", {"priority": "low"},
                               method="PATCH")
    assert status == 404
