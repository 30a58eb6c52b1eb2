"""The backend's mail endpoints (issue 19): duplicates by Message-ID and content, each reply
threaded to the mail it answers, the cap counting sent replies only."""

from __future__ import annotations

from typing import Any

from tests.conftest import TOKENS

GW = {"Authorization": f"Bearer {TOKENS['gateway']}"}


def mail(uid: int, mid: str, digest: str, subject: str = "compresor") -> dict[str, Any]:
    email = {"message_id": mid, "references": [], "subject": subject, "content_digest": digest}
    body = {"address": "ana@example.com", "text": f"texto {uid}", "provider_message_id": mid,
            "metadata": {"email": email}}
    return {"mailbox": "INBOX", "uidvalidity": 7, "uid": uid, "message": body}


async def ingest(client: Any, body: dict[str, Any]) -> Any:
    resp = await client.post("/api/mail/ingest", json=body, headers=GW)
    assert resp.status == 200, await resp.text()
    return await resp.json()


async def context(client: Any, conversation: str, outbox_id: str | None = None) -> Any:
    query = f"recipient=ana@example.com&conversation_id={conversation}"
    if outbox_id:
        query += f"&outbox_id={outbox_id}"
    return await (await client.get(f"/api/mail/context?{query}", headers=GW)).json()


async def test_a_reused_message_id_with_other_content_is_a_new_mail(backend_client: Any) -> None:
    first = await ingest(backend_client, mail(1, "<1@scanner>", "a" * 64))
    redelivered = await ingest(backend_client, mail(2, "<1@scanner>", "a" * 64))
    other = await ingest(backend_client, mail(3, "<1@scanner>", "b" * 64))
    other_again = await ingest(backend_client, mail(4, "<1@scanner>", "b" * 64))
    assert redelivered["duplicate"] and redelivered["message_id"] == first["message_id"]
    assert not other["duplicate"] and other["message_id"] != first["message_id"]
    assert other_again["duplicate"] and other_again["message_id"] == other["message_id"]


async def test_a_reply_is_threaded_to_the_mail_it_answers(backend_client: Any) -> None:
    first = await ingest(backend_client, mail(1, "<first@x>", "a" * 64, "primero"))
    conversation = first["conversation_id"]
    queued = await backend_client.post("/api/mail/outbox", headers=GW, json={
        "recipient": "ana@example.com", "conversation_id": conversation, "text": "respuesta",
        "answers": first["message_id"]})
    outbox_id = (await queued.json())["outbox_id"]
    # a second mail arrives before the reply to the first leaves
    await ingest(backend_client, mail(2, "<second@x>", "b" * 64, "segundo"))
    assert (await context(backend_client, conversation, outbox_id))["thread"]["message_id"] == (
        "<first@x>"
    )
    assert (await context(backend_client, conversation))["thread"]["message_id"] == "<second@x>"


async def test_the_cap_counts_sent_replies_not_queued_ones(backend_client: Any) -> None:
    first = await ingest(backend_client, mail(1, "<c@x>", "c" * 64))
    conversation = first["conversation_id"]
    for _ in range(3):
        await backend_client.post("/api/mail/outbox", headers=GW, json={
            "recipient": "ana@example.com", "conversation_id": conversation, "text": "r"})
    assert (await context(backend_client, conversation))["recent_replies"] == []
    await backend_client.post("/api/mail/replies", headers=GW, json={
        "recipient": "ana@example.com", "message_id": "<out-1@avisa>",
        "conversation_id": conversation})
    assert len((await context(backend_client, conversation))["recent_replies"]) == 1
