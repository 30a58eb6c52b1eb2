"""The foundation flow over e-mail, with the four real processes, a real IMAP server
(Dovecot: the desk's mailbox the gateway polls) and a real SMTP server (aiosmtpd: where
the gateway's replies go).

An unknown sender writes about a fault; the bot answers by mail in the customer's thread
and language, asks for the customer code, mails a one-time code (through the same SMTP
server) to the preferred contact's address on file, and the sender gives both by
replying to the bot's mails as a mail client does (``Re:`` subject, In-Reply-To and
References, the bot's words quoted below). The report becomes an incident in the backend
with the right customer, equipment, symptom and channel; from then on the subject
carries the incident id. A sender whose address is on file is verified at once.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.clients import EmailUser, plain, verify
from tests.e2e.conftest import Stack
from tests.e2e.test_provider_channels import SPANISH, assert_incident, conversation_of

pytestmark = pytest.mark.e2e

ASKS_CODE = re.compile(r"customer code|código de cliente", re.IGNORECASE)


@pytest.fixture
def mail_stack(stack: Stack) -> Stack:
    if stack.mail is None:
        pytest.skip("dovecot is not installed (tools/setup_env.sh installs dovecot-imapd)")
    return stack


def assert_threaded(user: EmailUser, language: str) -> None:
    """Every reply answers the customer's latest mail before it, in the thread of the first
    one, in the customer's language; once the incident is named, the subject carries it."""
    first = str(user.sent[0]["Message-ID"])
    incident = user.incident_id()
    named = False
    for received in user.mails:
        reply = received.message
        assert reply["Auto-Submitted"] == "auto-replied", reply
        assert reply["Content-Language"] == language, (reply["Subject"], user.transcript())
        assert str(reply["In-Reply-To"]) in {str(m["Message-ID"]) for m in user.sent}, reply
        assert first in str(reply["References"]).split(), reply
        subject = str(reply["Subject"])
        assert subject.startswith("Re: " + user.subject), subject
        named = named or bool(incident and incident in plain(reply))
        if named:
            assert f"[{incident}]" in subject, (subject, user.transcript())
    assert str(user.mails[-1].message["In-Reply-To"]) == str(user.sent[-1]["Message-ID"])
    assert named, user.transcript()


UNKNOWN = [
    # Seaview Hospitality (C-1011): the night manager writes from a private address; the
    # code goes to the preferred contact's e-mail on file (James O'Connor).
    pytest.param("en", "C-1011", "james.oconnor@seaviewhotels.com", "EQ-0047", "RF-9003-S",
                 "night.manager.seaview@mail.example.com", "Kitchen fridge not cooling",
                 "Hello, the Infrico fridge RF-9003-S in the hotel kitchen is not cooling, "
                 "it shows 12 degrees.\n\nRegards,\nTom", "not cooling", id="english"),
    # Secaderos Javalambre (C-1015): the shift supervisor writes from a private address;
    # the code goes to Miguel Ángel Julián's e-mail on file.
    pytest.param("es", "C-1015", "mangel.julian@secaderosjavalambre.es", "EQ-0062", "RF-2281-J",
                 "turno.noche.javalambre@correo.example.es", "Avería cámara frigorífica",
                 "Buenas noches, la unidad de frío RF-2281-J de la cámara no enfría y salta "
                 "la alarma de alta presión.\n\nUn saludo,\nPaco", "no enfría", id="spanish"),
]


@pytest.mark.parametrize(("language", "code", "contact", "equipment", "serial", "address",
                          "subject", "first", "symptom"), UNKNOWN)
def test_email_unknown_sender_verifies_and_reports_a_fault(
        mail_stack: Stack, language: str, code: str, contact: str, equipment: str, serial: str,
        address: str, subject: str, first: str, symptom: str) -> None:
    user = EmailUser(mail_stack, address=address, subject=subject, language=language)
    replies = verify(user, first, code, contact)
    assert ASKS_CODE.search(user.heard[0]), user.transcript()
    assert mail_stack.mail and mail_stack.mail.smtp.inbox.to(contact)  # the code, by SMTP
    assert not any(serial in t for t in user.heard[:2]), user.transcript()  # nothing private
    user.answer_form(replies, serial)
    incident = assert_incident(mail_stack, user, code, equipment, symptom)
    assert incident["channel"] == "email", incident
    assert bool(SPANISH.search("\n".join(user.heard))) == (language == "es"), user.transcript()
    assert_threaded(user, language)
    # The stored conversation is this sender's mail thread, verified for that customer.
    conversation_of(mail_stack, code, "email", address)


def test_email_known_sender_is_verified_at_once(mail_stack: Stack) -> None:
    # Rocío Benítez (C-1020, not the preferred contact) writes from her address on file.
    user = EmailUser(mail_stack, address="rocio.benitez@hotelcomplutum.es",
                     name="Rocío Benítez Lara", subject="Aire acondicionado", language="es")
    user.report("Hola, el aire acondicionado HVAC-37701 de la tercera planta no enfría, "
                "echa aire caliente.\n\nGracias,\nRocío", "HVAC-37701")
    assert not ASKS_CODE.search("\n".join(user.heard)), user.transcript()
    incident = assert_incident(mail_stack, user, "C-1020", "EQ-0082", "no enfría")
    assert incident["channel"] == "email", incident
    assert_threaded(user, "es")
    conversation_of(mail_stack, "C-1020", "email", user.address)
