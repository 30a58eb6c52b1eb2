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


async def test_replies_to_one_message_are_stored_once_however_often_they_are_sent(client):
    """A gateway's retry, or a customer's retry answered again by Rasa, sends the same replies
    with the same ``reply_to``: the transcript and the outbox (SMS) keep each one once."""
    first = await inbound(client, "sms", "+34600111222")
    conv, answered = first["conversation_id"], first["message_id"]
    replies = {"conversation_id": conv, "reply_to": answered,
               "messages": [{"text": "uno"}, {"text": "dos"}]}
    _, body = await call(client, "POST", "/api/messages/outbound/batch", "gateway", json=replies)
    again = [await call(client, "POST", "/api/messages/outbound/batch", "gateway", json=replies),
             await call(client, "POST", "/api/messages/outbound", "gateway", json={
                 "conversation_id": conv, "text": "uno", "reply_to": answered})]
    assert [a[0] for a in again] == [201, 201]
    assert again[0][1]["message_ids"] == body["message_ids"]
    assert again[1][1]["message_id"] == body["message_ids"][0]
    _, other = await call(client, "POST", "/api/messages/outbound", "gateway", json={
        "conversation_id": conv, "text": "uno"})  # no reply_to: a new message, as before
    _, history = await call(client, "GET", f"/api/conversations/{conv}/messages", "agents")
    assert [(m["direction"], m["text"]) for m in history["messages"]] == [
        ("in", "hola"), ("out", "uno"), ("out", "dos"), ("out", "uno")]
    _, claimed = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": 50})
    assert sorted(i["text"] for i in claimed["items"] if i["kind"] == "reply") == [
        "dos", "uno", "uno"]
    assert other["message_id"] not in body["message_ids"]
