"""The foundation flow over Telegram and SMS, with the four real processes and the local
fakes of the Telegram Bot API and Twilio: an unknown sender verifies with the customer
code and the one-time code, reports a fault on one of that customer's machines and gets
an incident that exists in the backend with the right customer, equipment and symptom; a
sender whose Telegram id or phone is on file is verified at once.

Forged webhooks (wrong or missing Telegram secret, bad Twilio signature) are refused and
store nothing; an update Telegram delivers five times, or an SMS Twilio posts five times
(same MessageSid), is stored once and answered once.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.clients import (
    Person,
    SmsUser,
    TelegramUser,
    api,
    joined_parts,
    verify,
)
from tests.e2e.conftest import Stack
from tests.fakes.telegram_api import text_update

pytestmark = pytest.mark.e2e

SPANISH = re.compile(r"\b(he|hemos|tu|su|está|técnico|incidencia)\b", re.IGNORECASE)


def assert_incident(stack: Stack, person: Person, customer: str, equipment: str,
                    symptom: str) -> dict[str, object]:
    found = person.incident_id()
    assert found, person.transcript()
    incident: dict[str, object] = api(stack, "GET", f"/api/incidents/{found}")
    assert incident["customer_code"] == customer, (incident, person.transcript())
    assert (incident["equipment"] or {})["id"] == equipment, incident  # type: ignore[index]
    assert symptom in str(incident["symptom"]), incident
    return incident


def conversation_of(stack: Stack, customer: str, channel: str, address: str) -> str:
    transcript = api(stack, "GET", f"/api/customers/{customer}/messages?limit=500")
    ids = [c["id"] for c in transcript["conversations"]
           if c["channel"] == channel and c["address"] == address]
    assert ids, transcript["conversations"]
    return str(ids[0])


@pytest.mark.parametrize("language", ["es", "en"])
def test_telegram_unknown_sender_verifies_and_reports_a_fault(stack: Stack, language: str) -> None:
    # C-1004's preferred contact has no Telegram id: the code goes to the e-mail on file.
    # C-1017's preferred contact has one: the code comes on Telegram to that (other) chat.
    if language == "es":
        code, contact, equipment, serial = ("C-1004", "servicios.generales@clinicasantaengracia.es",
                                            "EQ-0017", "CMP-0954-M")
        first, symptom = "Hola, el compresor CMP-0954-M pierde aceite desde esta mañana", \
            "pierde aceite"
        user = TelegramUser(stack, user_id=880000101, language_code="es", first_name="Lola")
    else:
        code, contact, equipment, serial = ("C-1017", "1811223344", "EQ-0073", "HVAC-95521")
        first, symptom = (("Hello, the STULZ air conditioning unit HVAC-95521 is blowing warm "
                          "air and shows alarm A21"), "blowing warm air")
        user = TelegramUser(stack, user_id=880000102, language_code="en", first_name="Sam")
    replies = verify(user, first, code, contact)
    assert not any(serial in t for t in user.heard[:2]), user.transcript()  # nothing private
    user.answer_form(replies, serial)
    incident = assert_incident(stack, user, code, equipment, symptom)
    assert incident["channel"] == "telegram", incident
    assert bool(SPANISH.search("\n".join(user.heard))) == (language == "es"), user.transcript()
    # The stored conversation is the Telegram chat, verified for that customer.
    conversation_of(stack, code, "telegram", str(user.user_id))


def test_telegram_known_sender_is_verified_at_once(stack: Stack) -> None:
    # C-1008's NOC (Telegram id on file) writes in English.
    user = TelegramUser(stack, user_id=804661920, language_code="en", first_name="Noc")
    user.report("Hi, the server SRV-9034-BX does not boot, it beeps three times", "SRV-9034-BX")
    heard = "\n".join(user.heard)
    assert not re.search(r"customer code|código de cliente", heard, re.IGNORECASE), \
        user.transcript()
    assert_incident(stack, user, "C-1008", "EQ-0032", "beeps three times")


@pytest.mark.parametrize("language", ["en", "es"])
def test_sms_unknown_sender_verifies_and_reports_a_fault(stack: Stack, language: str) -> None:
    # On SMS the one-time code goes by SMS to the preferred contact's phone (the Twilio fake).
    if language == "en":
        code, contact, equipment, serial = "C-1007", "+34974210056", "EQ-0028", "RF-8840-K"
        first = "Hello, the refrigerated display RF-8840-K is not cooling, it shows 14 degrees"
        symptom = "not cooling"
        user = SmsUser(stack, phone="+34600990101")
    else:
        code, contact, equipment, serial = "C-1022", "+34914068821", "EQ-0089", "RF-7012-C"
        first = "Buenas, el mueble frigorífico RF-7012-C hace hielo en el evaporador y no enfría"
        symptom = "hace hielo"
        user = SmsUser(stack, phone="+34600990102")
    replies = verify(user, first, code, contact)
    user.answer_form(replies, serial)
    incident = assert_incident(stack, user, code, equipment, symptom)
    assert incident["channel"] == "sms", incident
    assert bool(SPANISH.search("\n".join(user.heard))) == (language == "es"), user.transcript()
    conversation_of(stack, code, "sms", user.phone)


def test_sms_known_sender_is_verified_at_once(stack: Stack) -> None:
    # Albert Font (C-1016, not the preferred contact) texts from his phone on file.
    user = SmsUser(stack, phone="+34664380127")
    user.report("Hola, la nevera de laboratorio RF-3375-P no enfría, marca 12 grados", "RF-3375-P")
    assert_incident(stack, user, "C-1016", "EQ-0066", "no enfría")


# --- forged requests and retries ------------------------------------------------------
def _messages(stack: Stack, customer: str) -> list[dict[str, object]]:
    transcript = api(stack, "GET", f"/api/customers/{customer}/messages?limit=500")
    return list(transcript["messages"])


def test_forged_telegram_updates_are_refused_and_store_nothing(stack: Stack) -> None:
    # 1709912455 is Albert Font's Telegram id (C-1016): a real update would be stored in
    # a verified conversation, visible in the customer's transcript.
    user = TelegramUser(stack, user_id=1709912455, language_code="es")
    before = _messages(stack, "C-1016")
    forged = text_update(user.user_id, "Forged: la nevera RF-3375-P no enfría XYZZY")
    assert user.deliver(forged, secret="wrong-secret") == 403
    assert user.deliver(forged, secret="") == 401  # no header at all
    after = _messages(stack, "C-1016")
    assert after == before
    assert not any("XYZZY" in str(m.get("text")) for m in after)
    assert not user.messages()  # and nobody answered


def test_forged_twilio_posts_are_refused_and_store_nothing(stack: Stack) -> None:
    # Rosa Ventura's phone (C-1006): real SMS from it are stored as C-1006's.
    user = SmsUser(stack, phone="+34977551203")
    before = _messages(stack, "C-1006")
    status, _ = user.post("Forged: el compresor no arranca PLUGH", auth_token="not-the-token")
    assert status == 403
    status, _ = user.post("Forged: el compresor no arranca PLUGH",
                          signed_url="https://attacker.example/webhooks/twilio/sms")
    assert status == 403
    after = _messages(stack, "C-1006")
    assert after == before
    assert not any("PLUGH" in str(m.get("text")) for m in after)
    assert not user.bodies()


def test_a_telegram_update_delivered_five_times_is_stored_and_answered_once(stack: Stack) -> None:
    user = TelegramUser(stack, user_id=880000199, language_code="en", first_name="Rita")
    update = text_update(user.user_id, "Hello, what can you do for me?", language_code="en")
    for _ in range(5):
        assert user.deliver(update) == 200
    replies = user.replies()
    time.sleep(3)  # time for late duplicates to show up
    assert len(user.messages()) == len(replies), user.messages()
    cid = _conversation_id(stack, "telegram", str(user.user_id))
    stored = api(stack, "GET", f"/api/conversations/{cid}/messages")["messages"]
    inbound = [m for m in stored if m.get("direction") == "in"]
    outbound = [m for m in stored if m.get("direction") == "out"]
    assert len(inbound) == 1, stored
    assert len(outbound) == len(replies) >= 1, stored


def test_a_twilio_sms_posted_five_times_is_stored_and_answered_once(stack: Stack) -> None:
    # Twilio retries a webhook it got no timely answer to with the same MessageSid.
    user = SmsUser(stack, phone="+34600990199")
    sid = "SM" + "5" * 32
    for _ in range(5):
        status, _ = user.post("Hello, what can you do for me?", sid=sid)
        assert status == 200
    replies = user.replies()
    time.sleep(3)  # time for late duplicates to show up
    assert len(joined_parts(user.bodies())) == len(replies), user.bodies()
    cid = _conversation_id(stack, "sms", user.phone, via="twilio")
    stored = api(stack, "GET", f"/api/conversations/{cid}/messages")["messages"]
    inbound = [m for m in stored if m.get("direction") == "in"]
    outbound = [m for m in stored if m.get("direction") == "out"]
    assert len(inbound) == 1, stored
    assert inbound[0]["provider_message_id"] == sid, inbound
    assert len(outbound) == len(replies) >= 1, stored


def _conversation_id(stack: Stack, channel: str, address: str, via: str | None = None) -> str:
    """An unverified conversation is in no customer's transcript: find it by its messages
    through the gateway's inbound idempotency — the outbox rows (sent ``via`` the
    provider, by default the channel's name) name it."""
    outbox = api(stack, "GET", f"/api/outbox?via={via or channel}&limit=200")
    for item in outbox["items"]:
        if item["channel"] == channel and item["address"] == address:
            return str(item["conversation_id"])
    raise AssertionError(f"no outbox row for {channel}:{address}")
