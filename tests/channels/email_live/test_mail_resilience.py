"""UIDVALIDITY changes, servers without IDLE, and quarantined mail shown to agents."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiohttp

from tests.channels.backends import BackendHarness
from tests.channels.email_live.conftest import Db, imap_settings, poller_of, smtp_settings
from tests.channels.email_live.test_mail_restart import customer_mail
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer


async def test_a_new_uidvalidity_rescans_without_duplicates(
    make_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, db: Db, tmp_path: Path
) -> None:
    admin = dovecot.client()
    admin.create("Support")
    admin.logout()
    await asyncio.to_thread(dovecot.append, [customer_mail(1), customer_mail(2)], "Support")
    settings = imap_settings(dovecot, tmp_path, mailbox="Support", idle_renew=1.0)
    gateway = await make_gateway(demo=False, imap=settings, smtp=smtp_settings(smtp))

    async def checkpoint_at(uid: int) -> tuple[int, int] | None:
        found = await db.checkpoint("Support")
        return found if found is not None and found[1] == uid else None

    first = await eventually(lambda: checkpoint_at(2), timeout=20)
    admin = dovecot.client()
    admin.delete("Support")
    admin.create("Support")
    admin.logout()
    again = [customer_mail(1), customer_mail(2), customer_mail(3)]
    uids = [await asyncio.to_thread(dovecot.append_surely, raw, "Support") for raw in again]
    assert uids == [1, 2, 3]
    second = await eventually(lambda: checkpoint_at(3), timeout=30)
    assert second[0] != first[0]  # a new UIDVALIDITY, re-scanned from UID 1
    stored = sorted(row.provider_message_id for row in await db.inbound_email())
    assert stored == ["<m1@example.com>", "<m2@example.com>", "<m3@example.com>"]

    async def three_replies() -> bool:
        return len(smtp.inbox.snapshot()) >= 3

    await eventually(three_replies, timeout=10)
    await asyncio.sleep(0.5)
    assert len(smtp.inbox.snapshot()) == 3  # no second reply to a re-scanned mail
    assert poller_of(gateway).sessions >= 2


async def test_a_server_without_idle_is_polled(
    make_gateway: Any, real_backend: BackendHarness, smtp: SmtpServer, db: Db, tmp_path: Path
) -> None:
    server = Dovecot.start(extra="imap_capability = IMAP4rev1 LITERAL+ UIDPLUS")
    try:
        gateway = await make_gateway(
            demo=False, imap=imap_settings(server, tmp_path), smtp=smtp_settings(smtp)
        )
        await asyncio.sleep(0.5)  # the poller is waiting now; mail arrives afterwards
        await asyncio.to_thread(server.append, [customer_mail(7)])

        async def stored() -> bool:
            return len(await db.inbound_email()) == 1

        await eventually(stored, timeout=10)
        assert poller_of(gateway).sessions == 1
    finally:
        server.stop()


async def test_quarantined_mail_is_kept_whole_and_shown_to_agents(
    mail_gateway: Any, dovecot: Dovecot, real_backend: BackendHarness, db: Db
) -> None:
    raw = b"From: a@example.com\r\nFrom: b@example.com\r\nSubject: two senders\r\n\r\nhi\r\n"
    await asyncio.to_thread(dovecot.append, [raw])
    await eventually(db.quarantined, timeout=15)
    async with aiohttp.ClientSession() as http:
        agents = {"Authorization": f"Bearer {real_backend.agents_token}"}
        async with http.get(f"{real_backend.url}/api/mail/quarantine", headers=agents) as resp:
            assert resp.status == 200
            items = (await resp.json())["items"]
        assert [(i["reason"], i["subject"]) for i in items] == [("sender_ambiguous", "two senders")]
        url = f"{real_backend.url}/api/mail/quarantine/{items[0]['id']}"
        async with http.get(url, headers=agents) as resp:
            body = await resp.json()
        assert body["raw_base64"]
        gateway = {"Authorization": f"Bearer {real_backend.gateway_token}"}
        async with http.get(f"{real_backend.url}/api/mail/quarantine", headers=gateway) as resp:
            assert resp.status == 403


async def test_outbox_rows_for_email_go_out_by_smtp(
    mail_gateway: Any, real_backend: BackendHarness, smtp: SmtpServer
) -> None:
    await real_backend.add_outbox("email", "ana@example.com", "Su código es 123456.")

    async def sent() -> Any:
        return smtp.inbox.to("ana@example.com")

    mails = await eventually(sent, timeout=10)
    message = mails[0].message
    assert "123456" in message.get_body(("plain",)).get_content()
    assert message["Content-Language"] == "es"
    assert message["Auto-Submitted"] == "auto-replied"
