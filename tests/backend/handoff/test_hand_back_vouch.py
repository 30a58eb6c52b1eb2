"""An agent who hands back naming the customer vouches for them: a verification locked by
wrong factors is unlocked, the conversation verified for that customer, and the bot is
resumed knowing it (so it carries on with the report instead of escalating again)."""

from __future__ import annotations

from typing import Any

from tests.backend.handoff.helpers import sign_in
from tests.backend.helpers import call, inbound

PHONE = "+34600000077"  # no customer's: the sender is unknown until verified


async def locked_conversation(desk: Any) -> str:
    cid = str((await inbound(desk, "sms", PHONE, "la fotocopiadora atasca"))["conversation_id"])
    path = f"/api/conversations/{cid}/verification/factor"
    for wrong in ("XX-0000-1", "XX-0000-2", "XX-0000-3"):
        await call(desk, "POST", path, "actions",
                   json={"customer_code": "C-1001", "factor": wrong})
    _, identity = await call(desk, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["locked"] and not identity["verified"]
    return cid


async def test_handing_back_with_the_customer_unlocks_and_verifies(desk, fake_rasa):
    cid = await locked_conversation(desk)
    status, answer = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                                json={"reason": "verification_locked"})
    assert status == 200 and answer["queue"] == "verification"
    root = await sign_in(desk, "root")
    hid = answer["handoff_id"]
    assert (await root.post(f"/handoffs/{hid}/take"))[0] == 200
    status, body = await root.post(f"/handoffs/{hid}/release",
                                   {"slots": {"customer_code": "C-9999"}})
    assert status == 404  # no such customer: nothing changes, the agent keeps it
    _, identity = await call(desk, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["locked"] and not identity["verified"] and fake_rasa.events == []
    status, body = await root.post(f"/handoffs/{hid}/release",
                                   {"slots": {"customer_code": "c-1001"}})
    assert status == 200, body
    _, identity = await call(desk, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["verified"] and not identity["locked"]
    assert identity["customer"]["code"] == "C-1001"
    [(resumed, events)] = fake_rasa.events
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert resumed == cid and slots == {
        "customer_code": "C-1001", "verified": True, "verification_locked": False,
        "handoff_requested": False}
    assert events[0] == {"event": "resume"}
    assert events[-1] == {"event": "action", "name": "action_listen"}


async def test_handing_back_without_the_customer_keeps_the_lock(desk, fake_rasa):
    cid = await locked_conversation(desk)
    _, answer = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                           json={"reason": "verification_locked"})
    root = await sign_in(desk, "root")
    await root.post(f"/handoffs/{answer['handoff_id']}/take")
    assert (await root.post(f"/handoffs/{answer['handoff_id']}/release"))[0] == 200
    _, identity = await call(desk, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert identity["locked"] and not identity["verified"]
