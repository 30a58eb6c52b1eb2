"""Real Dovecot (IMAP) and aiosmtpd (SMTP) on loopback, the real backend in-process, a
fake Rasa, and the gateway with its IMAP poller running."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from backend.adapters.orm import MailCheckpoint, Message, QuarantinedMail
from channels.email.imap.config import ImapSettings
from channels.email.imap.poller import MailPoller
from channels.email.smtp.config import SmtpSettings
from channels.providers import MAIL_POLLER
from tests.channels.backends import BackendHarness, RealBackendHarness
from tests.mailservers.dovecot import Dovecot, dovecot_binary
from tests.mailservers.smtp import SmtpServer

DESK = "desk@avisa.test"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.skip("dovecot is not installed (tools/setup_env.sh installs dovecot-imapd)")
    server = Dovecot.start()
    yield server
    server.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def real_backend(backend: BackendHarness) -> BackendHarness:
    if not isinstance(backend, RealBackendHarness):
        pytest.skip("the e-mail channel needs the real backend (its /api/mail endpoints)")
    return backend


def imap_settings(server: Dovecot, tmp_path: Path, **overrides: Any) -> ImapSettings:
    values: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": server.port,
        "tls": "none",
        "user": server.user,
        "password": server.password,
        "idle_renew": 5.0,
        "watchdog": 2.0,
        "poll_interval": 0.3,
        "timeout": 5.0,
        "max_backoff": 1.0,
        "attachments_dir": tmp_path / "attachments",
    }
    values.update(overrides)
    return ImapSettings(**values)


def smtp_settings(server: SmtpServer, **overrides: Any) -> SmtpSettings:
    values: dict[str, Any] = {"host": "127.0.0.1", "port": server.port, "tls": "none",
                              "from_address": DESK}
    values.update(overrides)
    return SmtpSettings(**values)


@dataclass
class Db:
    """Reads the in-process backend's SQLite file directly (what was really stored)."""

    url: str

    async def rows(self, query: Any) -> list[Any]:
        # a plain engine: the backend's takes SQLite's write lock for every transaction
        # (BEGIN IMMEDIATE), and a reader queueing behind a busy backend could starve
        engine = create_async_engine(self.url)
        try:
            async with engine.connect() as conn:
                return list((await conn.execute(query)).all())
        finally:
            await engine.dispose()

    async def inbound_email(self) -> list[Any]:
        return await self.rows(
            select(Message.provider_message_id, Message.conversation_id, Message.payload).where(
                Message.channel == "email", Message.direction == "in"
            )
        )

    async def quarantined(self) -> list[Any]:
        return await self.rows(select(QuarantinedMail.uid, QuarantinedMail.reason))

    async def checkpoint(self, mailbox: str = "INBOX") -> tuple[int, int] | None:
        found = await self.rows(
            select(MailCheckpoint.uidvalidity, MailCheckpoint.last_uid).where(
                MailCheckpoint.mailbox == mailbox
            )
        )
        return (found[0][0], found[0][1]) if found else None


@pytest.fixture
def db(real_backend: BackendHarness, tmp_path: Path) -> Db:
    return Db(f"sqlite+aiosqlite:///{tmp_path / 'avisa.db'}")


@pytest.fixture
async def mail_gateway(
    make_gateway: Any, dovecot: Dovecot, smtp: SmtpServer, real_backend: BackendHarness,
    tmp_path: Path,
) -> AsyncIterator[TestClient[Any, Any]]:
    client = await make_gateway(
        demo=False, imap=imap_settings(dovecot, tmp_path), smtp=smtp_settings(smtp)
    )
    yield client


def poller_of(client: TestClient[Any, Any]) -> MailPoller:
    return client.server.app[MAIL_POLLER]
