"""POST /api/conversations/{cid}/handoff: when the bot hands over, to which queue, and what
the customer is told about the wait (clock: Monday 2 June 2025, 11:00 in Madrid)."""

from __future__ import annotations

from typing import Any

from backend.api.keys import UOWS
from backend.services.handoff.sessions import set_available
from tests.backend.handoff.helpers import escalate
from tests.backend.helpers import call, inbound


async def handled_by(client: Any, cid: str) -> str:
    from backend.adapters.orm import Conversation

    async with client.server.app[UOWS]() as uow:
        conversation = await uow.session.get(Conversation, cid)
        assert conversation is not None
        return str(conversation.handled_by)


async def test_asking_for_a_person_queues_the_conversation_and_estimates_the_wait(desk):
    cid, answer = await escalate(desk, slots={"symptom": "no arranca", "priority": "high"})
    assert answer["status"] == "queued"
    assert answer["queue"] == "general" and answer["position"] == 1
    assert answer["wait_minutes"] == 5  # one conversation, no agent available yet: one round
    assert await handled_by(desk, cid) == "agent"
    # asking again does not open a second handoff
    status, again = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                               json={"reason": "request_human"})
    assert status == 200 and again["handoff_id"] == answer["handoff_id"]


async def test_the_wait_grows_with_the_queue_and_shrinks_with_available_agents(desk):
    uows = desk.server.app[UOWS]
    for n in range(3):
        await escalate(desk, address=f"web-session-{n}", channel="web")
    _, fourth = await escalate(desk, address="web-session-9", channel="web")
    assert fourth["position"] == 4 and fourth["wait_minutes"] == 20
    await set_available(uows, "ana", True)
    await set_available(uows, "bea", True)
    _, fifth = await escalate(desk, address="web-session-10", channel="web")
    assert fifth["position"] == 5 and fifth["agents_available"] == 2
    assert fifth["wait_minutes"] == 15  # ceil(5 / 2) rounds of 5 minutes


async def test_a_complaint_goes_to_a_person_only_after_the_configured_turns(desk):
    cid = (await inbound(desk, "sms", "+34976123456", "esto es una vergüenza"))["conversation_id"]
    status, early = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                               json={"reason": "complain"})
    assert status == 200 and early["status"] == "not_needed"
    assert await handled_by(desk, cid) == "bot"
    for text in ("llevo una semana esperando", "nadie me contesta"):
        await inbound(desk, "sms", "+34976123456", text)
    status, late = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                              json={"reason": "complain"})
    assert late["status"] == "queued"


async def test_two_misunderstood_messages_in_a_row_hand_over(desk):
    cid = (await inbound(desk, "web", "w-1", "asdf qwer"))["conversation_id"]
    path = f"/api/conversations/{cid}/handoff"
    _, once = await call(desk, "POST", path, "actions",
                         json={"reason": "nlu_fallback", "facts": {"fallbacks": 1}})
    _, twice = await call(desk, "POST", path, "actions",
                          json={"reason": "nlu_fallback", "facts": {"fallbacks": 2}})
    assert once["status"] == "not_needed" and twice["status"] == "queued"


async def test_rules_escalate_critical_priority_to_the_urgent_queue(desk):
    cid = (await inbound(desk, "sms", "+34976123456", "se ha incendiado"))["conversation_id"]
    path = f"/api/conversations/{cid}/handoff"
    _, normal = await call(desk, "POST", path, "actions",
                           json={"reason": "rule", "facts": {"priority": "medium"}})
    assert normal["status"] == "not_needed"
    _, critical = await call(desk, "POST", path, "actions",
                             json={"reason": "rule", "slots": {"priority": "critical"}})
    assert critical["status"] == "queued" and critical["queue"] == "urgent"


async def test_locked_verification_goes_to_the_verification_queue(desk):
    _, answer = await escalate(desk, address="+34600000000", reason="verification_locked")
    assert answer["status"] == "queued" and answer["queue"] == "verification"


async def test_out_of_hours_offers_a_callback_or_a_message_that_becomes_a_task(desk, clock):
    clock.advance(days=5)  # Saturday
    cid = (await inbound(desk, "sms", "+34976123456", "una persona por favor"))["conversation_id"]
    path = f"/api/conversations/{cid}/handoff"
    _, offer = await call(desk, "POST", path, "actions", json={"reason": "request_human"})
    assert offer["status"] == "out_of_hours"
    assert offer["options"] == ["callback", "message"]
    assert offer["opens_local"] == "08:00" and offer["opens_date"] == "2025-06-09"
    assert await handled_by(desk, cid) == "bot"
    _, task = await call(desk, "POST", path, "actions",
                         json={"reason": "request_human", "choice": "message"})
    assert task["status"] == "task" and task["kind"] == "message"
    assert await handled_by(desk, cid) == "agent"  # what they write next waits for agents


async def test_only_the_actions_role_may_request_a_handoff(desk):
    cid = (await inbound(desk, "web", "w-2", "hola"))["conversation_id"]
    for role, expected in (("gateway", 403), ("agents", 403)):
        status, body = await call(desk, "POST", f"/api/conversations/{cid}/handoff", role,
                                  json={"reason": "request_human"})
        assert status == expected, body
    status, body = await call(desk, "POST", f"/api/conversations/{cid}/handoff", "actions",
                              json={"reason": "boredom"})
    assert status == 400 and body["error"]["code"] == "invalid_request"
    status, body = await call(desk, "POST", "/api/conversations/CONV-99999/handoff", "actions",
                              json={"reason": "request_human"})
    assert status == 404
