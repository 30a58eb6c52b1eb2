"""The blind hostile corpus (written by a helper who never read the e-mail code) through a
real Dovecot mailbox and a real SMTP server, delivered in bursts, checked mail by mail.

``expected.yml`` maps each file to ``answer | ignore | quarantine | duplicate``. Asserted:
every customer answered exactly once, with ``In-Reply-To`` = that mail's Message-ID and the
echo of that mail's text (the fake Rasa echoes what it reads), the words the writer named
reaching the bot (accent- and case-insensitively); no reply to robots, bulk, loops or
encrypted mail; quarantines with their reason; a known customer told once about an
unreadable mail; redeliveries stored and answered once.

The corpora are ``tests/channels/email_corpus_blind`` and the sealed one written later by
another helper (``email_corpus_blind_sealed``), each on its own mailbox; ``AVISA_MAIL_CORPUS``
names another folder to run instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message as Mail
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import insert, select

from backend.adapters.orm import Contact, Customer, Message
from channels.email import parse_or_quarantine
from channels.email.model import ParsedEmail
from channels.email.parse.loop_guard import CHECKS, LoopPolicy
from tests.channels.email_live.conftest import Db, imap_settings, poller_of, smtp_settings
from tests.channels.fakes import FakeRasa
from tests.channels.helpers import eventually
from tests.mailservers.dovecot import Dovecot
from tests.mailservers.smtp import SmtpServer

DEFAULT_CORPORA = tuple(Path(__file__).parent.parent / name
                        for name in ("email_corpus_blind", "email_corpus_blind_sealed"))
DESK = "support@avisa.example"  # the corpus writer's desk address
BURST = 7  # mails appended together; the next burst once the poller has caught up
NOTICE = "no hemos podido leerlo"  # backend/services/mail/notices.py
# The writer's reason words and the loop guard's / quarantine's reasons that mean the same.
REASONS = {
    "auto-reply": {"auto_submitted", "auto_reply_header", "out_of_office_subject",
                   "auto_response_suppressed", "auto_reply_precedence"},
    "bounce": {"bounce"},
    "bulk": {"mailing_list", "bulk_precedence", "many_recipients"},
    "loop": {"own_address", "x_loop", "quoted_only"},
    "noreply": {"no_reply_address"},
    "encrypted": {"encrypted"},
    "broken-mime": {"broken_mime", "malformed", "nesting_too_deep", "too_many_parts",
                    "not_an_email"},
    "no-sender": {"sender_missing"},
}
# Per-file exceptions, each with why; kept minimal (empty: every expectation is held).
DEBATABLE: dict[str, str] = {}


def corpus_dirs() -> tuple[Path, ...]:
    found = os.environ.get("AVISA_MAIL_CORPUS")
    return (Path(found),) if found else DEFAULT_CORPORA


def fold(text: str) -> str:
    """Case- and accent-insensitive, whitespace collapsed."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    expect: dict[str, Any]
    parsed: ParsedEmail | None

    @property
    def outcome(self) -> str:
        return str(self.expect["outcome"])

    @property
    def message_id(self) -> str | None:
        return self.parsed.message_id if self.parsed is not None else None


def cases(folder: Path) -> list[Case]:
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    found = []
    for name in sorted(expected):
        raw = (folder / name).read_bytes()
        parsed = parse_or_quarantine(raw)
        found.append(Case(name, raw, expected[name], parsed if isinstance(parsed, ParsedEmail)
                          else None))
    return found


def bursts(items: list[Case]) -> Iterator[list[Case]]:
    for start in range(0, len(items), BURST):
        yield items[start : start + BURST]


def plain_body(message: Mail) -> str:
    part = message.get_body(("plain",))  # type: ignore[attr-defined]
    return str(part.get_content()) if part is not None else ""


async def known_contacts(db: Db, addresses: list[str]) -> None:
    """The senders the writer expects to be told about an unreadable mail are customers."""
    if not addresses:
        return
    rows = [{"code": "C-9001", "name": "Blind corpus customer", "language": "es"}]
    contacts = [{"customer_code": "C-9001", "name": a, "email": a, "preferred": False}
                for a in addresses]
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(db.url)
    try:
        async with engine.begin() as conn:
            await conn.execute(insert(Customer), rows)
            await conn.execute(insert(Contact), contacts)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("folder", corpus_dirs(), ids=lambda folder: folder.name)
async def test_blind_corpus_per_mail_outcomes(
    make_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, rasa: FakeRasa, db: Db,
    tmp_path: Path, folder: Path,
) -> None:
    items = cases(folder)
    told = [c for c in items if c.expect.get("tell_sender")]
    await known_contacts(db, sorted({a for c in told if (a := _from_address(c.raw))}))
    gateway = await make_gateway(
        demo=False, imap=imap_settings(dovecot, tmp_path),
        smtp=smtp_settings(smtp, from_address=DESK),
    )

    uid_of: dict[str, int] = {}
    for burst in bursts(items):
        uids = await asyncio.to_thread(dovecot.append_each, [c.raw for c in burst])
        for case, uid in zip(burst, uids, strict=True):
            assert uid is not None, f"{case.name}: refused by Dovecot"
            uid_of[case.name] = uid
        last = max(u for u in uids if u is not None)
        await eventually(partial(_checkpoint_at, db, last), timeout=120)

    answered = [c for c in items if c.outcome == "answer"]
    notices = len({_from_address(c.raw) for c in told})
    # fewer replies than expected is not a timeout: the per-mail check below says which
    with contextlib.suppress(AssertionError):
        await eventually(lambda: _replies_at_least(smtp, len(answered) + notices), timeout=120)
    await asyncio.sleep(1.0)  # anything else queued (a wrong extra reply) has time to leave

    failures = await _check(items, uid_of, smtp, rasa, db)
    failures = {name: why for name, why in failures.items() if name not in DEBATABLE}
    passed = len(items) - len(failures)
    print(f"blind corpus {folder.name}: {passed}/{len(items)} mails as expected")
    assert failures == {}, "\n".join(f"{name}: {why}" for name, why in sorted(failures.items()))
    poller = poller_of(gateway)
    assert "ingest_error" not in poller.outcomes, poller.outcomes


async def _check(
    items: list[Case], uid_of: dict[str, int], smtp: SmtpServer, rasa: FakeRasa, db: Db
) -> dict[str, str]:
    sent = [mail.message for mail in smtp.inbox.snapshot()]
    by_parent: dict[str, list[Mail]] = {}
    for reply in sent:
        by_parent.setdefault(str(reply["In-Reply-To"] or "").strip(), []).append(reply)
    rows = await db.rows(select(Message.text, Message.payload).where(
        Message.channel == "email", Message.direction == "in"))
    stored = {row.payload["metadata"]["email"]["imap"]["uid"]: row for row in rows}
    quarantined = dict(await db.quarantined())
    bot_read = [fold(message) for message in rasa.messages]
    known_ids = {c.message_id for c in items if c.message_id}
    failures: dict[str, str] = {}
    wanted = sum(c.outcome == "answer" for c in items) + len(
        {_from_address(c.raw) for c in items if c.expect.get("tell_sender")}
    )
    if len(sent) != wanted:
        failures["all replies"] = f"{len(sent)} mails sent, expected {wanted}"

    for reply in sent:
        parent = str(reply["In-Reply-To"] or "").strip()
        if parent and parent not in known_ids:
            failures[f"reply {reply['Message-ID']}"] = f"In-Reply-To {parent} is no corpus mail"
    for case in items:
        why = _verdict(case, uid_of[case.name], stored, quarantined, by_parent, sent, bot_read)
        if why:
            failures[case.name] = why
    return failures


def _verdict(
    case: Case, uid: int, stored: dict[int, Any], quarantined: dict[int, str],
    by_parent: dict[str, list[Mail]], sent: list[Mail], bot_read: list[str],
) -> str | None:
    mid = case.message_id
    replies = by_parent.get(mid, []) if mid else []
    row = stored.get(uid)
    no_reply = row.payload["metadata"]["email"].get("no_reply") if row is not None else None
    reasons = REASONS.get(str(case.expect.get("reason") or ""), set())
    if case.outcome == "answer":
        if row is None:
            return f"not stored (quarantined: {quarantined.get(uid)})"
        if no_reply:
            return f"not answered: {no_reply}"
        if mid is None:  # no Message-ID: the reply goes to the sender, threaded to nothing
            replies = [r for r in by_parent.get("", []) if case.parsed and
                       case.parsed.sender.address in str(r["To"]).lower()]
        echo = fold(f"echo: {row.text}")[:60]
        mine = [r for r in replies if echo in fold(plain_body(r))]
        if len(mine) != 1:  # a reuse of its Message-ID is answered too, with its own echo
            return f"{len(mine)} of the {len(replies)} replies threaded to it answer it"
        read = fold(row.text)
        if read not in bot_read:
            return "its text never reached the bot"
        missing = [w for w in case.expect.get("text_must_contain") or []
                   if fold(str(w)) not in read]
        return f"the bot did not read {missing}" if missing else None
    if case.outcome == "duplicate":  # its Message-ID is the original's: the original's reply
        return None if row is None else "stored a second time"
    if replies:
        return f"{len(replies)} replies to a mail expected {case.outcome}"
    if case.outcome == "ignore":
        if row is None:
            return f"not stored (quarantined: {quarantined.get(uid)})"
        if not no_reply:
            return "stored as answerable"
        if no_reply in reasons or _also(case, reasons):
            return None
        return f"ignored as {no_reply}, expected {reasons}"
    if case.outcome == "quarantine":
        if uid not in quarantined:
            return "not quarantined"
        if quarantined[uid] not in reasons:
            return f"quarantined as {quarantined[uid]}, expected {reasons}"
        address = _from_address(case.raw)
        notices = [r for r in sent if address and address in str(r["To"]).lower()
                   and NOTICE in fold(plain_body(r))]
        wanted = 1 if case.expect.get("tell_sender") else 0
        return None if len(notices) == wanted else f"{len(notices)} notices, expected {wanted}"
    return f"unknown outcome {case.outcome}"


def _also(case: Case, reasons: set[str]) -> bool:
    """A mail can be a robot for several reasons (a newsletter both bulk and
    auto-generated): the guard names the first; any of them may be the writer's."""
    policy = LoopPolicy(own_addresses=frozenset({DESK}))
    return case.parsed is not None and any(
        check(case.parsed, policy) for reason, check in CHECKS if reason in reasons
    )


def _from_address(raw: bytes) -> str | None:
    parsed = parse_or_quarantine(raw)
    if isinstance(parsed, ParsedEmail):
        return parsed.sender.address
    from email import message_from_bytes
    from email.utils import parseaddr

    found = parseaddr(str(message_from_bytes(raw).get("From") or ""))[1].lower()
    return found or None


async def _checkpoint_at(db: Db, uid: int) -> bool:
    found = await db.checkpoint()
    return found is not None and found[1] >= uid


async def _replies_at_least(smtp: SmtpServer, count: int) -> bool:
    return len(smtp.inbox.snapshot()) >= count
