"""The whole path over the gateway's REST channel, with the four real processes.

An unknown sender verifies with a demo customer's code and the one-time code they ask for,
read from the dev outbox, reports a fault on one of that customer's machines and gets an incident
id; the incident exists in the backend with the right customer, equipment and symptom.
In English and in Spanish. A sender who types three wrong codes is locked out and never
sees customer data.
"""

from __future__ import annotations

import re
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from tests.e2e import clients
from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

INCIDENT, CODE = clients.INCIDENT, clients.CODE
_http = clients.http


@dataclass
class Customer:
    """A sender on the REST channel, keeping the whole conversation for assertions."""

    stack: Stack
    sender: str = field(default_factory=lambda: f"e2e-{secrets.token_hex(4)}")
    said: list[str] = field(default_factory=list)
    heard: list[dict[str, Any]] = field(default_factory=list)

    def say(self, text: str, answered: bool = True) -> list[dict[str, Any]]:
        replies: list[dict[str, Any]] = _http(
            "POST", f"{self.stack.gateway}/webhooks/rest/webhook",
            self.stack.tokens["AVISA_TOKEN_REST"], {"sender": self.sender, "message": text})
        assert replies or not answered, f"no answer to {text!r}"
        assert all(r["recipient_id"] == self.sender for r in replies)
        self.said.append(text)
        self.heard.extend(replies)
        return replies

    def press(self, replies: list[dict[str, Any]], payload_part: str) -> list[dict[str, Any]]:
        buttons = [b for r in replies for b in r.get("buttons", [])]
        chosen = [b["payload"] for b in buttons if payload_part in b["payload"]]
        assert chosen, f"no button with {payload_part!r} in {buttons}"
        return self.say(chosen[0])

    def transcript(self) -> str:
        return "\n".join(r.get("text", "") for r in self.heard)


def one_time_code(stack: Stack, address: str, since: datetime) -> str:
    """The code sent to ``address`` after ``since``: in the dev outbox, or (e-mail, now that
    the session stack has an SMTP server) mailed for real; see clients.one_time_code."""
    return clients.one_time_code(stack, address, since)


def admin(stack: Stack, path: str) -> Any:
    return _http("GET", f"{stack.backend}{path}", stack.tokens["AVISA_TOKEN_ADMIN"])


def wait_for_code(stack: Stack, address: str, since: datetime) -> str:
    deadline = time.monotonic() + 20
    while True:
        try:
            return one_time_code(stack, address, since)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


CASES = [
    pytest.param(
        "en", "C-1001", "marta.lazaro@talleresebro.es", "EQ-0001", "CMP-2291-X",
        "Hello, our compressor CMP-2291-X has been leaking oil since this morning",
        "leaking oil", id="english"),
    pytest.param(
        "es", "C-1002", "pilar.gracia@graficasmoncayo.es", "EQ-0006", "SN-48213",
        "Buenos días, la Ricoh con nº de serie SN-48213 atasca el papel en cada hoja",
        "atasca el papel", id="spanish"),
]


@pytest.mark.parametrize(("language", "code", "contact", "equipment", "serial", "first", "symptom"),
                         CASES)
def test_unknown_sender_verifies_and_reports_a_fault(
    stack: Stack, language: str, code: str, contact: str, equipment: str, serial: str,
    first: str, symptom: str,
) -> None:
    customer = Customer(stack)
    asked = customer.say(first)
    assert not any(serial in r.get("text", "") for r in asked)  # nothing private yet
    since = stack.now()
    customer.say(code)
    customer.say(clients.ASK_CODE[language])  # a one-time code only when asked for
    customer.say(wait_for_code(stack, contact, since))
    replies = customer.heard[-3:]
    for _ in range(4):  # the form asks what it still lacks (maybe equipment); urgency is read
        if INCIDENT.search(customer.transcript()):
            break
        offered = " ".join(b["payload"] for r in replies for b in r.get("buttons", []))
        if "urgency" in offered:
            replies = customer.press(replies, '"high"')
        elif equipment in offered:
            replies = customer.press(replies, equipment)
        else:
            raise AssertionError(f"unexpected question:\n{customer.transcript()}")
    found = INCIDENT.search(customer.transcript())
    assert found, customer.transcript()
    incident = admin(stack, f"/api/incidents/{found.group(0)}")
    assert incident["customer_code"] == code
    assert incident["equipment"]["id"] == equipment
    assert symptom in incident["symptom"]
    assert incident["priority"] == "medium"  # read from "leaking oil" / "atasca": not asked
    spanish = re.search(r"\b(he|hemos|tu|su|está|técnico)\b", customer.transcript(), re.IGNORECASE)
    assert bool(spanish) == (language == "es"), customer.transcript()


def test_three_wrong_codes_lock_the_sender_out_without_private_data(stack: Stack) -> None:
    customer = Customer(stack)
    customer.say("Hi, what is the status of INC-00001?")
    customer.say("C-1003")
    for wrong in ("000000", "111111", "222222"):
        customer.say(wrong)
    # A person takes the conversation over: the bot stays silent, nothing private leaks.
    customer.say("123456", answered=False)
    customer.say("What equipment do we have under contract?", answered=False)
    profile = admin(stack, "/api/customers/C-1003")
    private = [profile["name"], *(s["name"] for s in profile.get("sites", []))]
    private += [e["serial"] for e in admin(stack, "/api/customers/C-1003/equipment")["equipment"]]
    transcript = customer.transcript()
    assert not [p for p in private if p and p in transcript], transcript
    assert re.search(r"lock|bloque", transcript, re.IGNORECASE), transcript


def test_requests_without_the_demo_token_are_refused(stack: Stack) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        _http("POST", f"{stack.gateway}/webhooks/rest/webhook", "wrong-token",
              {"sender": "x", "message": "hello"})
    assert refused.value.code == 401


def test_the_widget_page_answers(stack: Stack) -> None:
    with urllib.request.urlopen(f"{stack.gateway}/", timeout=30) as response:
        page = response.read().decode()
    assert response.status == 200
    assert "widget.js" in page
    with urllib.request.urlopen(f"{stack.gateway}/widget.js", timeout=30) as response:
        assert response.status == 200 and b"WebSocket" in response.read()
