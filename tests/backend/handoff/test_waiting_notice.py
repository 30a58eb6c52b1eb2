"""While a handed-over conversation waits for a person (nobody has taken it: a queue nobody
staffs), every customer message is acknowledged in the customer's language (the inbound
answer's ``notice``, which the gateway sends) instead of met with silence; once an agent has
taken it the agent answers and no notice is added; a message sent twice is not acknowledged
twice; a conversation the bot handles has none."""

from __future__ import annotations

from backend.domain.texts import TEXTS
from tests.backend.handoff.helpers import escalate, sign_in
from tests.backend.helpers import inbound


async def test_each_message_is_acknowledged_until_an_agent_takes_it(desk):
    before = await inbound(desk, "sms", "+34976123456", "hola")
    assert before["handled_by"] == "bot" and before["notice"] is None
    cid, answer = await escalate(desk)
    first = await inbound(desk, "sms", "+34976123456", "sigue goteando", provider_message_id="m1")
    second = await inbound(desk, "sms", "+34976123456", "y huele a quemado")
    assert first["conversation_id"] == second["conversation_id"] == cid
    assert first["handled_by"] == "agent"
    assert first["notice"] == second["notice"] == TEXTS["handoff_waiting"]["es"]
    again = await inbound(desk, "sms", "+34976123456", "sigue goteando", provider_message_id="m1")
    assert again["duplicate"] and again["notice"] is None
    ana = await sign_in(desk, "ana")
    assert (await ana.post(f"/handoffs/{answer['handoff_id']}/take"))[0] == 200
    taken = await inbound(desk, "sms", "+34976123456", "hola?")
    assert taken["handled_by"] == "agent" and taken["notice"] is None
