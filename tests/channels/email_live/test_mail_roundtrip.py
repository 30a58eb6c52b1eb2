"""A customer's mail goes IMAP → pipeline → Rasa → SMTP reply, threaded, stored once."""

from __future__ import annotations

import asyncio
from email.utils import make_msgid
from typing import Any

from tests.channels.email_live.conftest import DESK, Db, poller_of
from tests.channels.fakes import FakeRasa
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer

CUSTOMER = "marta.lazaro@talleresebro.es"


def mail(sender: str, subject: str, body: str, message_id: str, in_reply_to: str = "") -> bytes:
    lines = [
        f"From: Marta <{sender}>",
        f"To: {DESK}",
        f"Subject: {subject}",
        f"Message-ID: {message_id}",
        "Date: Mon, 02 Jun 2025 09:00:00 +0200",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode()


async def test_customer_mail_is_stored_once_and_answered_threaded(
    mail_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, rasa: FakeRasa, db: Db
) -> None:
    first_id = make_msgid(domain="talleresebro.es")
    raw = mail(CUSTOMER, "El compresor no arranca", "Hola, el compresor CMP-2291-X no arranca "
               "desde esta mañana. Por favor, enviad un técnico.", first_id)
    await asyncio.to_thread(dovecot.append, [raw])

    replies = await eventually(lambda: _async(smtp.inbox.to(CUSTOMER)), timeout=15)
    reply = replies[0].message
    assert reply["In-Reply-To"] == first_id
    assert first_id in reply["References"]
    assert reply["Subject"] == "Re: El compresor no arranca"
    assert reply["Content-Language"] == "es"
    assert reply["Auto-Submitted"] == "auto-replied"
    plain = reply.get_body(("plain",)).get_content()
    assert "echo: Hola, el compresor CMP-2291-X no arranca" in plain
    assert rasa.messages[0].startswith("Hola, el compresor")

    # The same mail again (a second UID, same Message-ID): stored once, answered once.
    await asyncio.to_thread(dovecot.append, [raw])
    await eventually(lambda: _checkpoint_at(db, 2), timeout=15)
    stored = await db.inbound_email()
    assert [row.provider_message_id for row in stored] == [first_id]
    assert len(smtp.inbox.to(CUSTOMER)) == 1
    assert len(rasa.requests) == 1

    # The customer answers our reply from another address: the headers find the conversation.
    answer = mail("marta.personal@example.org", "Re: El compresor no arranca", "Sigue igual.",
                  make_msgid(domain="example.org"), in_reply_to=reply["Message-ID"])
    await asyncio.to_thread(dovecot.append, [answer])
    await eventually(lambda: _stored_count(db, 2), timeout=15)
    conversations = {row.conversation_id for row in await db.inbound_email()}
    assert len(conversations) == 1
    assert poller_of(mail_gateway).sessions == 1


async def _async(value: Any) -> Any:
    return value


async def _checkpoint_at(db: Db, uid: int) -> bool:
    found = await db.checkpoint()
    return found is not None and found[1] >= uid


async def _stored_count(db: Db, count: int) -> bool:
    return len(await db.inbound_email()) >= count
