"""An agent closes a conversation without handing it back: the customer is told, Rasa
forgets it (restart, then a listen) and the handoff leaves the queue; only the holder may,
and with Rasa down nothing changes."""

from __future__ import annotations

from tests.backend.handoff.helpers import escalate, sign_in
from tests.backend.handoff.test_console_flow import handled_by, outbox


async def test_closing_restarts_the_bot_and_tells_the_customer(desk, fake_rasa):
    cid, answer = await escalate(desk)
    hid = answer["handoff_id"]
    ana = await sign_in(desk, "ana")
    assert (await ana.post(f"/handoffs/{hid}/close"))[0] == 409  # take it first
    await ana.post(f"/handoffs/{hid}/take")
    bea = await sign_in(desk, "bea")
    assert (await bea.post(f"/handoffs/{hid}/close"))[0] == 409  # not hers
    fake_rasa.down = True
    status, body = await ana.post(f"/handoffs/{hid}/close")
    assert status == 502 and await handled_by(desk, cid) == "agent"
    fake_rasa.down = False
    status, body = await ana.post(f"/handoffs/{hid}/close")
    assert status == 200 and body["state"] == "closed" and body["handled_by"] == "bot"
    assert fake_rasa.events == [(cid, [{"event": "restart"},
                                       {"event": "action", "name": "action_listen"}])]
    assert await handled_by(desk, cid) == "bot"
    assert (await outbox(desk))[-1][0] == "agent_closed"
    _, detail = await ana.get(f"/conversations/{cid}")
    assert [e["kind"] for e in detail["log"]] == ["requested", "taken", "closed"]
    _, queue = await ana.get("/queue")
    assert queue["items"] == []
