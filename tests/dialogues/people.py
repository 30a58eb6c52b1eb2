"""Playing one conversation: the person on its channel, the setup made through the
backend API, and the customer's turns said one by one.

``web`` conversations go through the gateway's REST channel (the widget's own transport is
covered by tests/browser); a known web sender is logged in to the company's portal and
sends its signed identity (tests/e2e/test_portal_identity.py does it over the widget's
socket). Unknown senders get an address nobody registered. A turn that
gets no reply within the clients' timeout is recorded as unanswered and the conversation
goes on, as a customer who writes again would.
"""

from __future__ import annotations

import contextlib
import secrets
import urllib.error
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from channels.web.portal import portal_signature
from tests.dialogues.script import Conversation, button_label
from tests.e2e.clients import (
    EmailUser,
    Person,
    RestUser,
    SmsUser,
    TelegramUser,
    api,
    http,
)
from tests.e2e.conftest import Stack

# setup channel → the contact field the backend recognises on it (web is never recognised:
# a setup "made on the web" is stored on the customer's registered e-mail instead).
SETUP_ADDRESS = {"sms": ("sms", "phone"), "telegram": ("telegram", "telegram_id"),
                 "email": ("email", "email"), "web": ("email", "email")}


@dataclass
class Played:
    person: Person
    unanswered: list[int] = field(default_factory=list)  # turn numbers with no reply
    errors: list[str] = field(default_factory=list)


def person_for(stack: Stack, conv: Conversation) -> Person:
    contact = conv.sender.contact if conv.sender.known else None
    tag = secrets.randbelow(10**6)
    if conv.channel == "telegram":
        user_id = int(contact) if contact else 7_000_000_000 + tag
        return TelegramUser(stack, user_id=user_id, language_code=conv.language,
                            first_name="Cliente" if conv.language == "es" else "Customer")
    if conv.channel == "sms":
        return SmsUser(stack, phone=contact or f"+3461{tag:07d}")
    if conv.channel == "email":
        first = conv.turns[0].strip().splitlines()[0] if conv.turns else ""
        return EmailUser(stack, address=contact or f"dlg{tag}@example.net",
                         subject=first[:60] or "Incidencia", language=conv.language)
    identity = portal_identity(stack, conv.sender.customer) if conv.sender.known else None
    return RestUser(stack, sender=f"dialogue-{conv.id.lower()}-{tag}", identity=identity)


def portal_identity(stack: Stack, code: str) -> dict[str, Any] | None:
    """A known web sender is a customer logged in to the company's portal: the identity the
    portal signs for its user (the customer's first registered e-mail; docs/channels.md)."""
    if not code or not stack.portal_secret:
        return None
    email = next((str(c["email"]) for c in customer(stack, code)["contacts"] if c.get("email")),
                 None)
    if email is None:
        return None
    expires = int((stack.now() + timedelta(hours=2)).timestamp())
    return {"user_id": email, "expires": expires,
            "signature": portal_signature(stack.portal_secret, email, expires)}


def customer(stack: Stack, code: str) -> dict[str, Any]:
    found: dict[str, Any] = api(stack, "GET", f"/api/customers/{code}", role="AGENTS")
    return found


def backend_conversation(stack: Stack, code: str, channel: str) -> str:
    """A conversation stored through the gateway API from one of the customer's registered
    contacts on ``channel`` (recognised, so verified): the setup's and cleanup's voice."""
    via, field_name = SETUP_ADDRESS.get(channel, ("email", "email"))
    contacts = customer(stack, code)["contacts"]
    address = next((str(c[field_name]) for c in contacts if c.get(field_name)), None)
    fallbacks = (("email", "email"), ("sms", "phone"), ("telegram", "telegram_id"))
    for kind in fallbacks:  # no contact of that kind: any registered one
        if address is not None:
            break
        address = next((str(c[kind[1]]) for c in contacts if c.get(kind[1])), None)
        via = kind[0]
    assert address, f"{code} has no registered contact"
    stored = api(stack, "POST", "/api/messages/inbound", {
        "channel": via, "address": address, "text": "(dialogue suite setup)",
        "provider_message_id": f"dialogue-setup-{secrets.token_hex(6)}"}, role="GATEWAY")
    cid = stored.get("conversation_id") or stored["conversation"]["id"]
    return str(cid)


def open_setup_incident(stack: Stack, code: str, spec: dict[str, Any]) -> str:
    """The setup's open incident, reported through the actions API on a conversation of
    the customer (``minutes_ago`` is not reproduced: the stack's clock only goes forward)."""
    cid = backend_conversation(stack, code, str(spec.get("channel", "web")))
    priority = str(spec.get("priority", "medium"))
    result = api(stack, "POST", f"/api/conversations/{cid}/incidents", {
        "symptom": str(spec["symptom"]), "equipment_id": str(spec["equipment"]),
        "priority": priority}, role="ACTIONS")
    incident = result.get("incident") or {}
    found = incident.get("id") or result.get("incident_id") or result.get("id")
    assert found, f"setup incident not opened: {result}"
    return str(found)


def cancel_all(stack: Stack, code: str, ids: list[str]) -> None:
    """Leaves the customer with no open incident from this conversation, so the next
    conversation's duplicate check is not decided by an earlier one."""
    if not ids or not code:
        return
    cid = backend_conversation(stack, code, "email")
    for incident_id in ids:
        # already final, or not this customer's: nothing to undo
        with contextlib.suppress(urllib.error.HTTPError):
            api(stack, "POST", f"/api/conversations/{cid}/incidents/{incident_id}/cancel",
                {"reason": "dialogue suite: end of conversation"}, role="ACTIONS")


def play(person: Person, conv: Conversation) -> Played:
    played = Played(person)
    for n, turn in enumerate(conv.turns, start=1):
        label = button_label(turn)
        try:
            if label is not None and any(label.lower() in t.lower()
                                         for t in person.titles([])):
                title = next(t for t in person.titles([]) if label.lower() in t.lower())
                person.choose([], title)
            else:  # no such button: the customer types it
                person.say(label if label is not None else turn)
        except AssertionError as exc:
            if "timed out" in str(exc):
                played.unanswered.append(n)
            else:
                played.errors.append(f"turn {n}: {str(exc).splitlines()[0]}")
        except (urllib.error.URLError, OSError) as exc:
            played.errors.append(f"turn {n}: {exc}")
    return played


def conversation_ids(stack: Stack, code: str, channel: str, address: str) -> list[str]:
    """The backend's verified conversations of ``code`` from this channel and address."""
    if not code:
        return []
    try:
        found = http("GET", f"{stack.backend}/api/customers/{code}/messages?limit=500",
                     stack.tokens["AVISA_TOKEN_AGENTS"])
    except urllib.error.HTTPError:
        return []
    return [str(c["id"]) for c in found.get("conversations", [])
            if c.get("address") == address and c.get("channel") == channel]


def answered_conversations(stack: Stack, channel: str, address: str) -> list[str]:
    """Conversations the outbox answered at this address, verified or not (provider
    channels; the REST channel answers in its HTTP response, not through the outbox)."""
    rows = api(stack, "GET", "/api/outbox?limit=500", role="GATEWAY")["items"]
    return sorted({str(r["conversation_id"]) for r in rows
                   if r.get("address") == address and r.get("channel") == channel
                   and r.get("conversation_id")})


def address_of(person: Person) -> tuple[str, str]:
    """(channel, address) the backend stores this person's conversation under."""
    if isinstance(person, TelegramUser):
        return "telegram", str(person.user_id)
    if isinstance(person, SmsUser):
        return "sms", person.phone
    if isinstance(person, EmailUser):
        return "email", person.address
    assert isinstance(person, RestUser)
    return "rest", person.sender
