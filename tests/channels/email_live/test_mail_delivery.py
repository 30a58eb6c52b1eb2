"""Replies to mail go through the outbox: an SMTP server that is down delays the reply and
loses nothing (real Dovecot, real aiosmtpd, the real backend, the gateway's worker)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from tests.channels.backends import BackendHarness, outbox_row
from tests.channels.email_live.conftest import DESK, Db, imap_settings, smtp_settings
from tests.channels.email_live.test_mail_restart import customer_mail
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer


async def email_rows(backend: BackendHarness) -> list[dict[str, Any]]:
    async with aiohttp.ClientSession() as http, http.get(
        f"{backend.url}/api/outbox?limit=100",
        headers={"Authorization": f"Bearer {backend.gateway_token}"},
    ) as response:
        body = await response.json()
    return [row for row in body["items"] if row["channel"] == "email"]


async def test_a_reply_waits_for_the_smtp_server_and_arrives_once(
    make_gateway: Any, dovecot: Dovecot, real_backend: BackendHarness, tmp_path: Path
) -> None:
    smtp = SmtpServer()  # its port is chosen, nobody listens there yet: the server is down
    try:
        await make_gateway(
            demo=False, imap=imap_settings(dovecot, tmp_path), smtp=smtp_settings(smtp)
        )
        await asyncio.to_thread(dovecot.append, [customer_mail(1)])

        async def failed_once() -> dict[str, Any] | None:
            rows = await email_rows(real_backend)
            ok = len(rows) == 1 and rows[0]["attempts"] == 1 and rows[0]["status"] == "pending"
            return rows[0] if ok else None

        row = await eventually(failed_once, timeout=20)
        assert row["kind"] == "mail_reply" and row["address"] == "cliente1@example.com"
        assert "smtp 127.0.0.1" in row["last_error"]
        await asyncio.sleep(0.5)
        assert (await outbox_row(real_backend, row["id"]) or {})["attempts"] == 1  # backing off

        smtp.start()  # the server is back; the backoff passes
        real_backend.clock.advance(60)

        async def arrived() -> bool:
            return len(smtp.inbox.snapshot()) >= 1

        await eventually(arrived, timeout=10)
        await asyncio.sleep(1.0)  # a second copy would arrive now
        mails = smtp.inbox.snapshot()
        assert len(mails) == 1
        mail = mails[0].message
        assert mails[0].recipients == ["cliente1@example.com"]
        assert mail["From"].addresses[0].addr_spec == DESK
        assert mail["In-Reply-To"] == "<m1@example.com>"  # still threaded, from the backend
        assert mail["Subject"].startswith("Re: Avería 1")
        assert mail["Message-ID"].startswith(f"<{row['id'].lower()}.")  # stable across tries
        done = await outbox_row(real_backend, row["id"])
        assert done is not None
        assert (done["status"], done["via"], done["attempts"]) == ("delivered", "smtp", 1)
    finally:
        smtp.stop()


async def test_a_queued_reply_does_not_count_towards_the_cap_and_nobody_is_cut_off(
    make_gateway: Any, dovecot: Dovecot, real_backend: BackendHarness, db: Db, tmp_path: Path
) -> None:
    """The cap counts replies SENT to a conversation (issue 19): with the SMTP server down a
    customer writing four times gets four replies queued; once it is up, each reply is
    threaded to the mail it answers. Past the cap the customer gets one notice, then
    silence (the mails are stored for a person), never a silent cut-off."""
    smtp = SmtpServer()  # its port is chosen, nobody listens there yet: the server is down
    try:
        await make_gateway(demo=False, imap=imap_settings(dovecot, tmp_path),
                           smtp=smtp_settings(smtp, max_replies=2))
        numbered = [customer_mail(1).replace(b"<m1@", f"<m1-{n}@".encode()) for n in range(4)]
        await asyncio.to_thread(dovecot.append, numbered)

        async def four_queued() -> bool:
            return len(await email_rows(real_backend)) == 4

        await eventually(four_queued, timeout=20)
        smtp.start()
        await real_backend.retry_outbox_now()
        sent = await eventually(lambda: _at_least(smtp, 4), timeout=30)
        assert sorted(str(m.message["In-Reply-To"]) for m in sent) == [
            f"<m1-{n}@example.com>" for n in range(4)
        ]

        # four replies sent within the hour: the next mail gets one notice, the one after none
        later = [customer_mail(1).replace(b"<m1@", f"<m2-{n}@".encode()) for n in range(2)]
        for mail in later:
            await asyncio.to_thread(dovecot.append, [mail])
        await eventually(lambda: _at_least(smtp, 5), timeout=30)

        async def six_stored() -> bool:
            return len(await db.inbound_email()) == 6

        await eventually(six_stored, timeout=20)
        await asyncio.sleep(1.0)  # a wrong extra reply would have left by now
        mails = smtp.inbox.snapshot()
        assert len(mails) == 5
        assert "una persona del equipo" in str(mails[4].message.get_body(("plain",)).get_content())
    finally:
        smtp.stop()


async def _at_least(smtp: SmtpServer, count: int) -> Any:
    found = smtp.inbox.snapshot()
    return found if len(found) >= count else None
