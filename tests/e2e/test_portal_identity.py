"""Acceptance 4 of issue 13, through the four real processes and the widget's own
WebSocket: a customer logged in to the company's portal (a signed identity computed with the
site's AVISA_PORTAL_SECRET, as docs/channels.md tells the portal to) reports a fault and is
never asked who they are; a forged or expired signature is an anonymous visitor, asked for a
customer code like anyone else, and sees nothing of the customer.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from channels.web.portal import portal_signature
from tests.e2e.clients import FILED, REPLY_TIMEOUT, Person, api
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

CONTACT = "marta.lazaro@talleresebro.es"  # C-1001's preferred contact (data/customers.yml)
ASKED_WHO = re.compile(r"customer code|código de cliente|one-time|un solo uso", re.IGNORECASE)
SETTLE = 1.0  # seconds without a frame after the ack: the replies to one message are in


@dataclass
class WidgetUser(Person):
    """A browser tab of the widget: a session, the socket authenticated in its first frame
    (with the portal identity when given), one message at a time. Runs on the provider
    fakes' event loop so the socket stays open between turns."""

    identity: dict[str, Any] | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    token: str = ""  # the widget session's (its uploads carry it too)
    _http: aiohttp.ClientSession | None = None
    _ws: aiohttp.ClientWebSocketResponse | None = None

    def run(self, coro: Any) -> Any:
        assert self.stack.providers is not None
        return self.stack.providers.run(coro, timeout=REPLY_TIMEOUT + 15)

    async def _open(self) -> aiohttp.ClientWebSocketResponse:
        if self._ws is None:
            self._http = aiohttp.ClientSession()
            async with self._http.post(f"{self.stack.gateway}/session", json={}) as answer:
                self.token = token = (await answer.json())["token"]
            self._ws = await self._http.ws_connect(f"{self.stack.gateway}/ws")
            auth: dict[str, Any] = {"type": "auth", "token": token}
            if self.identity is not None:
                auth["identity"] = self.identity
            await self._ws.send_json(auth)
            assert (await self._ws.receive_json(timeout=10))["type"] == "ready"
        return self._ws

    async def _say(self, event: dict[str, Any]) -> list[str]:
        ws = await self._open()
        event["id"] = secrets.token_hex(6)
        await ws.send_json(event)
        texts: list[str] = []
        acked = False
        while True:
            try:
                frame = await ws.receive_json(timeout=SETTLE if acked else REPLY_TIMEOUT)
            except TimeoutError:
                break
            if frame["type"] == "ack" and frame.get("id") == event["id"]:
                acked = True
            elif frame["type"] == "bot":
                texts.append(str(frame.get("text", "")))
                if frame.get("buttons"):
                    self.buttons = list(frame["buttons"])
            elif frame["type"] == "error":
                raise AssertionError(f"widget error: {frame}")
        assert acked and texts, f"no answer to {event}\n{self.transcript()}"
        self.heard.extend(texts)
        return texts

    def say(self, text: str) -> list[str]:
        self.said.append(text)
        return list(self.run(self._say({"type": "message", "text": text})))

    def titles(self, replies: list[str]) -> list[str]:
        return [b["title"] for b in self.buttons]

    def choose(self, replies: list[str], title_part: str) -> list[str]:
        chosen = next(b for b in self.buttons if title_part in b["title"])
        self.said.append(chosen["title"])
        return list(self.run(self._say({"type": "button", **chosen})))

    def close(self) -> None:
        async def shut() -> None:
            if self._ws is not None:
                await self._ws.close()
            if self._http is not None:
                await self._http.close()
        self.run(shut())


def signed(stack: Stack, user_id: str, valid_for: timedelta | None) -> dict[str, Any]:
    """What the portal's server puts in its page (docs/channels.md), on the stack's clock."""
    expires = None if valid_for is None else int((stack.now() + valid_for).timestamp())
    return {"user_id": user_id, "expires": expires,
            "signature": portal_signature(stack.portal_secret, user_id, expires)}


def chat(stack: Stack, identity: dict[str, Any] | None) -> WidgetUser:
    assert stack.portal_secret, "the stack runs without AVISA_PORTAL_SECRET"
    return WidgetUser(stack, identity=identity)


@pytest.mark.parametrize("valid_for", [timedelta(hours=1), None], ids=["expiring", "no-expiry"])
def test_a_signed_portal_user_reports_a_fault_with_no_verification_question(
        stack: Stack, valid_for: timedelta | None) -> None:
    person = chat(stack, signed(stack, CONTACT, valid_for))
    try:
        replies = person.say("El compresor CMP-2291-X pierde aceite y se ha parado, "
                             "tenemos la producción parada")
        replies = person.answer_form(replies, "CMP-2291-X", urgency=("Alta", "High"))
    finally:
        person.close()
    assert not ASKED_WHO.search(person.transcript()), person.transcript()
    filed = FILED.search("\n".join(person.heard))
    assert filed, person.transcript()
    incident = api(stack, "GET", f"/api/incidents/{filed.group(1)}")
    assert incident["customer_code"] == "C-1001"
    assert incident["equipment"]["id"] == "EQ-0001"
    # The shared stack's later reports on this compressor must open their own incident.
    conversation = api(stack, "GET", "/api/customers/C-1001/messages")["conversations"][0]
    api(stack, "POST", f"/api/conversations/{conversation['id']}/incidents/{filed.group(1)}"
        "/cancel", {"reason": "test over"})


@pytest.mark.parametrize("claim", ["forged", "expired", "other-secret", "none"])
def test_a_forged_or_expired_identity_is_an_anonymous_visitor(stack: Stack, claim: str) -> None:
    genuine = signed(stack, CONTACT, timedelta(hours=1))
    identity: dict[str, Any] | None = {
        "forged": {**genuine, "user_id": "jorge.sancho@talleresebro.es"},  # another's id
        "expired": signed(stack, CONTACT, timedelta(minutes=-1)),
        "other-secret": {**genuine, "signature": portal_signature(
            "not-the-site-secret", CONTACT, genuine["expires"])},
        "none": None,
    }[claim]
    person = chat(stack, identity)
    try:
        replies = person.say("El compresor CMP-2291-X pierde aceite, ¿qué equipos tengo?")
    finally:
        person.close()
    said = "\n".join(replies)
    assert ASKED_WHO.search(said), person.transcript()
    for private in ("Talleres Ebro", "Marta", "CMP-3104-K", "EQ-0001"):
        assert private not in said, person.transcript()
