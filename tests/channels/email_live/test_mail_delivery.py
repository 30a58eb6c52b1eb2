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


async def test_a_reply_still_queued_counts_towards_the_rate_cap(
    make_gateway: Any, dovecot: Dovecot, real_backend: BackendHarness, db: Db, tmp_path: Path
) -> None:
    """With the SMTP server down, a customer writing again and again gets at most
    ``max_replies`` replies queued: queued replies count like sent ones."""
    smtp = SmtpServer()  # never started: down for the whole test
    await make_gateway(
        demo=False, imap=imap_settings(dovecot, tmp_path), smtp=smtp_settings(smtp, max_replies=2)
    )
    same_sender = [customer_mail(1).replace(b"<m1@", f"<m1-{n}@".encode()) for n in range(4)]
    await asyncio.to_thread(dovecot.append, same_sender)

    async def four_stored() -> bool:
        return len(await db.inbound_email()) == 4

    await eventually(four_stored, timeout=20)
    assert len(await email_rows(real_backend)) == 2
