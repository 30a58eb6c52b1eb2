"""The backend's mail endpoints on SQLite and PostgreSQL: one transaction, idempotent."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from tests.conftest import TOKENS

GW = {"Authorization": f"Bearer {TOKENS['gateway']}"}
AGENTS = {"Authorization": f"Bearer {TOKENS['agents']}"}


def message(uid: int, mid: str, validity: int = 7, **extra: Any) -> dict[str, Any]:
    body = {"address": "Ana@Example.com", "text": "hola", "provider_message_id": mid, **extra}
    return {"mailbox": "INBOX", "uidvalidity": validity, "uid": uid, "message": body}


async def checkpoint(client: Any) -> Any:
    resp = await client.get("/api/mail/checkpoint?mailbox=INBOX", headers=GW)
    return await resp.json()


async def test_ingest_is_idempotent_and_moves_the_checkpoint(backend_client: Any) -> None:
    assert (await checkpoint(backend_client))["last_uid"] is None
    first_post = await backend_client.post("/api/mail/ingest", json=message(1, "<a@x>"),
                                           headers=GW)
    first = await first_post.json()
    again_post = await backend_client.post("/api/mail/ingest", json=message(2, "<a@x>"),
                                           headers=GW)
    again = await again_post.json()
    assert first["duplicate"] is False and again["duplicate"] is True
    assert again["message_id"] == first["message_id"]
    assert await checkpoint(backend_client) == {"mailbox": "INBOX", "uidvalidity": 7, "last_uid": 2}
    # a new UIDVALIDITY restarts the checkpoint at the mail being stored
    await backend_client.post("/api/mail/ingest", json=message(1, "<b@x>", validity=9), headers=GW)
    assert await checkpoint(backend_client) == {"mailbox": "INBOX", "uidvalidity": 9, "last_uid": 1}
    # a reply to a stored mail joins its conversation whatever the sender
    reply = message(2, "<c@x>", validity=9, thread_ids=["<a@x>"], address="other@example.org")
    joined = await (await backend_client.post("/api/mail/ingest", json=reply, headers=GW)).json()
    assert joined["conversation_id"] == first["conversation_id"]


async def test_bad_input_is_refused_and_changes_nothing(backend_client: Any) -> None:
    both = {**message(5, "<d@x>"), "quarantine": {"fingerprint": "0" * 64, "reason": "x",
                                                  "detail": "", "size": 1}}
    resp = await backend_client.post("/api/mail/ingest", json=both, headers=GW)
    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == "invalid_request"
    assert (await checkpoint(backend_client))["last_uid"] is None


async def test_quarantine_is_kept_once_and_only_agents_read_it(backend_client: Any) -> None:
    raw = b"garbage\x00mail"
    record = {"fingerprint": hashlib.sha256(raw).hexdigest(), "reason": "not_an_email",
              "detail": "no headers", "size": len(raw),
              "raw_base64": base64.b64encode(raw).decode()}
    body = {"mailbox": "INBOX", "uidvalidity": 7, "uid": 3, "quarantine": record}
    first = await (await backend_client.post("/api/mail/ingest", json=body, headers=GW)).json()
    again = await (await backend_client.post("/api/mail/ingest", json=body, headers=GW)).json()
    assert again == {"quarantine_id": first["quarantine_id"], "duplicate": True}
    assert (await checkpoint(backend_client))["last_uid"] == 3
    listed = await (await backend_client.get("/api/mail/quarantine", headers=AGENTS)).json()
    assert [item["reason"] for item in listed["items"]] == ["not_an_email"]
    item = await (await backend_client.get(f"/api/mail/quarantine/{first['quarantine_id']}",
                                           headers=AGENTS)).json()
    assert base64.b64decode(item["raw_base64"]) == raw
    assert (await backend_client.get("/api/mail/quarantine", headers=GW)).status == 403
