"""The hostile corpus through a real mailbox: no crash, nothing lost, no reply to robots."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from channels.email import parse_or_quarantine
from channels.email.model import ParsedEmail
from tests.channels.email.email_expectations import EXPECTATIONS
from tests.channels.email_live.conftest import Db, poller_of
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer

CORPUS = Path(__file__).parent.parent / "email" / "corpus"


async def test_hostile_corpus_is_stored_or_quarantined_without_replies_to_robots(
    mail_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, db: Db
) -> None:
    files = sorted(CORPUS.glob("*.eml"))
    raws = [path.read_bytes() for path in files]
    uids = await asyncio.to_thread(dovecot.append_each, raws)
    accepted = {uid: path for uid, path in zip(uids, files, strict=True) if uid is not None}
    assert len(accepted) >= 60, f"only {len(accepted)} corpus files made it into the mailbox"
    last = max(accepted)

    async def done() -> bool:
        found = await db.checkpoint()
        return found is not None and found[1] == last

    await eventually(done, timeout=180)

    stored = await db.inbound_email()
    stored_uids = {row.payload["metadata"]["email"]["imap"]["uid"] for row in stored}
    stored_ids = {row.provider_message_id for row in stored}
    quarantined = {uid: reason for uid, reason in await db.quarantined()}
    lost = []
    robots_answered = []
    answered = {str(mail.message["In-Reply-To"]).strip() for mail in smtp.inbox.snapshot()}
    # two different corpus mails share a Message-ID (a robot's and a customer's): since a
    # reused Message-ID with other content is a new mail, the customer's reply carries it
    human_ids = set()
    for path in accepted.values():
        parsed = parse_or_quarantine(path.read_bytes())
        expect = EXPECTATIONS.get(path.name)
        if isinstance(parsed, ParsedEmail) and (expect is None or expect.reply is True):
            human_ids.add(parsed.message_id)
    answered -= human_ids
    for uid, path in accepted.items():
        parsed = parse_or_quarantine(path.read_bytes())
        kept = uid in stored_uids or uid in quarantined
        if not kept and isinstance(parsed, ParsedEmail):  # a repeated Message-ID is stored once
            kept = parsed.message_id in stored_ids
        if not kept:
            lost.append(path.name)
        expect = EXPECTATIONS.get(path.name)
        robot = expect is not None and expect.reply is not True
        if robot and isinstance(parsed, ParsedEmail) and parsed.message_id in answered:
            robots_answered.append(path.name)
    assert lost == []
    assert robots_answered == []
    poller = poller_of(mail_gateway)
    assert poller.sessions == 1, "the ingestion loop had to reconnect"
    assert "ingest_error" not in poller.outcomes, poller.outcomes
    assert poller.outcomes.get("quarantined", 0) >= 5
    assert poller.outcomes.get("reply_queued", 0) >= 20
