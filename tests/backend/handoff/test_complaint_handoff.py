"""A recorded complaint is raised to a person at once (whatever the turn count) and names
the handoff that raised it."""

from __future__ import annotations

from tests.backend.helpers import call, inbound


async def test_a_recorded_complaint_goes_to_a_person_on_the_first_turn(desk):
    cid = (await inbound(desk, "sms", "+34976123456"))["conversation_id"]
    path = f"/api/conversations/{cid}/handoff"
    status, plain = await call(desk, "POST", path, "actions", json={"reason": "complain"})
    assert status == 200 and plain["status"] == "not_needed"  # a grumble on turn 1 is not
    _, made = await call(desk, "POST", f"/api/conversations/{cid}/complaints", "actions",
                         json={"text": "quiero poner una reclamación formal"})
    status, answer = await call(desk, "POST", path, "actions",
                                json={"reason": "complain", "facts": {"complaint": made["id"]}})
    assert status == 200 and answer["status"] == "queued", answer
    _, listed = await call(desk, "GET", "/api/complaints?customer=C-1001", "agents")
    assert listed["complaints"][0]["handoff_id"] == answer["handoff_id"]
