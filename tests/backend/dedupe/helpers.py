"""Helpers for the duplicate-flow API tests (demo data of tests/backend/fixtures/demo:
C-1001 with Marta (phone, e-mail, Telegram) and Pedro (e-mail), EQ-0001 compressor,
EQ-0002 copier; C-1002 with Alice, EQ-0003 cold room; technician T-01 Javier Royo)."""

from __future__ import annotations

import re
from typing import Any

from tests.backend.helpers import call, inbound

FIRST = "El compresor CMP-2291-X no arranca, saltan las protecciones"
SAME = "el compresor sigue sin arrancar, que venga alguien por favor"
DOUBTFUL = "el compresor no da presión"  # hours after FIRST: between the ask and merge bands


async def web_conversation(client: Any, session: str = "web-session-1") -> str:
    """A web chat verified with a one-time code (web senders are never known on sight)."""
    cid = str((await inbound(client, "web", session))["conversation_id"])
    status, _ = await call(client, "POST", f"/api/conversations/{cid}/verification", "actions",
                           json={"customer_code": "C-1001"})
    assert status == 200
    sent = [i for i in await claim(client) if i["kind"] == "otp"]
    code = re.search(r"\b(\d{6})\b", sent[-1]["text"])
    assert code is not None
    status, body = await call(client, "POST", f"/api/conversations/{cid}/verification/check",
                              "actions", json={"code": code.group(1)})
    assert status == 200 and body["verified"], body
    return cid


async def sms_conversation(client: Any, phone: str = "+34976123456") -> str:
    return str((await inbound(client, "sms", phone))["conversation_id"])


async def english_conversation(client: Any) -> str:
    return str((await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"])


async def report(client: Any, cid: str, symptom: str, **body: Any) -> tuple[int, Any]:
    payload = {"symptom": symptom, "priority": "high", **body}
    return await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions",
                      json=payload)


async def answer(client: Any, cid: str, token: str, duplicate_of: str | None) -> tuple[int, Any]:
    return await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions",
                      json={"pending_report": token, "duplicate_of": duplicate_of})


async def claim(client: Any) -> list[dict[str, Any]]:
    status, body = await call(client, "POST", "/api/outbox/claim", "gateway", json={"limit": 200})
    assert status == 200
    return list(body["items"])


async def reports_of(client: Any, incident_id: str) -> Any:
    status, body = await call(client, "GET", f"/api/incidents/{incident_id}/reports", "agents")
    assert status == 200, body
    return body
