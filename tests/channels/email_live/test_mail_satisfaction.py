"""Satisfaction by e-mail (issue 20 §4) against real Dovecot (IMAP) and aiosmtpd (SMTP):
a customer whose conversation is by e-mail gets the rating question by mail when the job
closes; their reply to it — a number or plain words, above the quoted question — is read
by the scorer (backend/domain/satisfaction.py), recorded with its score and thanked by
mail in the same thread; the bot never sees it."""

from __future__ import annotations

import asyncio
from email.utils import make_msgid
from typing import Any

import pytest

from tests.channels.backends import BackendHarness
from tests.channels.email_live.conftest import Db
from tests.channels.email_live.test_mail_roundtrip import CUSTOMER, mail
from tests.channels.fakes import FakeRasa
from tests.channels.helpers import eventually
from tests.channels.provider_stack import seed
from tests.channels.sms.test_sms_satisfaction import job_closed, survey_of
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import Received, SmtpServer


def plain(received: Received) -> str:
    body = received.message.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


async def mails_to(smtp: SmtpServer, count: int) -> list[Received]:
    async def check() -> list[Received]:
        found = smtp.inbox.to(CUSTOMER)
        return found if len(found) >= count else []
    result: list[Received] = await eventually(check, timeout=15)
    return result


@pytest.mark.parametrize(("answer", "score"), [("4", 4), ("muy bien, gracias", 5)])
async def test_the_rating_question_goes_by_mail_and_the_reply_is_scored(
    mail_gateway: Any, real_backend: BackendHarness, dovecot: Dovecot, smtp: SmtpServer,
    rasa: FakeRasa, db: Db, answer: str, score: int,
) -> None:
    await seed(real_backend.uows)
    first = make_msgid(domain="talleresebro.es")
    await asyncio.to_thread(dovecot.append, [mail(CUSTOMER, "Compresor", "hola", first)])
    await mails_to(smtp, 1)  # the bot's answer: the conversation is by e-mail
    conversation = (await db.inbound_email())[0].conversation_id

    await job_closed(real_backend, conversation, "email", CUSTOMER)
    question = (await mails_to(smtp, 2))[-1]
    text = plain(question)
    assert "SO-00001" in text and "respondiendo con un número" in text, text

    quoted = "\n".join(f"> {line}" for line in text.splitlines())
    said = "El mié, 9 dic 2026 a las 10:00, Avisa <desk@avisa.test> escribió:"
    body = f"{answer}\n\n{said}\n{quoted}"
    reply = mail(CUSTOMER, f"Re: {question.message['Subject']}", body,
                 make_msgid(domain="talleresebro.es"),
                 in_reply_to=question.message["Message-ID"])
    await asyncio.to_thread(dovecot.append, [reply])
    thanks = (await mails_to(smtp, 3))[-1]
    assert f"Hemos anotado un {score} de 5" in plain(thanks), plain(thanks)
    assert thanks.message["In-Reply-To"] == reply_id(reply)
    assert (await survey_of(real_backend))["score"] == score
    assert len(rasa.messages) == 1 and "hola" in rasa.messages[0]  # the rating: not the bot


def reply_id(raw: bytes) -> str:
    return next(line.split(":", 1)[1].strip() for line in raw.decode().splitlines()
                if line.startswith("Message-ID:"))
