"""POST /api/messages/outbound/batch: the replies to one message stored in order with one
request; the last one's buttons are what the gateway accepts next."""

from tests.backend.helpers import call, inbound


async def test_outbound_batch_stores_replies_in_order(client):
    conv = (await inbound(client, "web", "sess-b"))["conversation_id"]
    buttons = [{"title": "Sí", "payload": "/affirm"}]
    status, body = await call(client, "POST", "/api/messages/outbound/batch", "gateway", json={
        "conversation_id": conv,
        "messages": [{"text": "uno"}, {"text": "dos", "buttons": buttons}]})
    assert status == 201 and len(body["message_ids"]) == 2
    again = await inbound(client, "web", "sess-b", "/affirm")
    assert again["offered_payloads"] == ["/affirm"]
    _, history = await call(client, "GET", f"/api/conversations/{conv}/messages", "agents")
    assert [(m["direction"], m["text"]) for m in history["messages"]] == [
        ("in", "hola"), ("out", "uno"), ("out", "dos"), ("in", "/affirm")]


async def test_outbound_batch_unknown_conversation_and_bad_body(client):
    status, body = await call(client, "POST", "/api/messages/outbound/batch", "gateway",
                              json={"conversation_id": "CONV-09999", "messages": [{"text": "x"}]})
    assert status == 404
    status, body = await call(client, "POST", "/api/messages/outbound/batch", "gateway",
                              json={"conversation_id": "CONV-00001", "messages": [{}]})
    assert status in (400, 422), body
