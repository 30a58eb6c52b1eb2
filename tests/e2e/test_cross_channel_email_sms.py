"""A customer reports a fault by e-mail and then asks by SMS how it is going, through the
four real processes, the real mail servers (Dovecot, aiosmtpd) and the Twilio fake
(signed webhooks in, REST API out): the SMS answer is that incident's status.

Both contacts write from their own e-mail address and mobile phone on file, so both
conversations are verified at once for the same customer.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.clients import EmailUser, SmsUser, api
from tests.e2e.conftest import Stack
from tests.e2e.test_duplicates_cross_channel import STATES

pytestmark = pytest.mark.e2e

CASES = [
    # Jordi Pallarès (C-1012, an English-speaking company), e-mail and mobile on file. The
    # weekly continuous-service plan of CT-0025 keeps other incidents of C-1012 open, so
    # the bot asks which one and he picks the one he mailed about.
    pytest.param("en", "jordi.pallares@brightwellfoods.com", "+34617330982", "PKL-4108-M",
                 "Packaging line stopped",
                 "Hello, the MULTIVAC packaging machine PKL-4108-M stopped this morning and "
                 "shows a vacuum pump error, it does not seal the trays.\n\nThanks,\nJordi",
                 "How is my incident going?", id="english"),
    # Pere Ribas (C-1018), e-mail and mobile on file, in Spanish, asks as people do.
    pytest.param("es", "pere.ribas@escolatarraco.es", "+34652473819", "HVAC-24788",
                 "Aire acondicionado aula de informática",
                 "Hola, el aire acondicionado HVAC-24788 del aula de informática no enfría y "
                 "hace un ruido muy fuerte.\n\nSaludos,\nPere Ribas",
                 "Hola, ¿sabéis algo de lo del aire acondicionado?", id="spanish"),
]


@pytest.mark.parametrize(("language", "address", "phone", "serial", "subject", "report",
                          "question"), CASES)
def test_status_asked_by_sms_about_an_incident_reported_by_email(
        stack: Stack, language: str, address: str, phone: str, serial: str, subject: str,
        report: str, question: str) -> None:
    if stack.mail is None:
        pytest.skip("dovecot is not installed (tools/setup_env.sh installs dovecot-imapd)")
    mail = EmailUser(stack, address=address, subject=subject, language=language)
    mail.report(report, serial)
    incident_id = mail.incident_id()
    assert incident_id, mail.transcript()
    assert api(stack, "GET", f"/api/incidents/{incident_id}")["channel"] == "email"

    sms = SmsUser(stack, phone=phone)
    replies = sms.say(question)
    answer = "\n".join(replies)
    if any(incident_id in t for t in sms.titles(replies)):  # several open: this one
        answer = "\n".join(sms.choose(replies, incident_id))
    assert incident_id in answer, f"{sms.transcript()}\n--- e-mail ---\n{mail.transcript()}"
    state = api(stack, "GET", f"/api/incidents/{incident_id}")["state"]
    assert re.search(STATES[state], answer), (state, sms.transcript())
