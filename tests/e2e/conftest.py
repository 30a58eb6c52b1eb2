"""Starts the real four-process stack (tools/stack.py) once per test session.

The stack gets its own free ports, a fresh SQLite database migrated and loaded with
the demo data, and its own tokens file, so it runs beside a developer's `make run`
(tools/stack_launch.py does that, for bench/ and tests/browser too). It needs the
trained model (`make model`); without it the tests are skipped with a message saying so.

The local fakes of the Telegram Bot API and of Twilio (tests/fakes/) run in this test
process, on their own event loop in a thread, before the stack starts; the gateway is
configured with them as it would be with the real providers (only the base URLs differ),
with ``AVISA_PUBLIC_URL`` set to its own URL, so Telegram updates come by webhook and SMS
by signed Twilio posts.

The mail servers of tests/mailservers (a real Dovecot IMAP server and aiosmtpd, both on
loopback) run too, and the gateway polls the desk's mailbox and answers by SMTP as it
would with a real mailbox (``stack.mail``; ``None`` where dovecot-imapd is not
installed, and then the e-mail tests skip). With SMTP configured every e-mail goes out
by SMTP, outbox rows too (one-time codes, notices: read them in ``stack.mail.smtp.inbox``
or through clients.one_time_code); demo mode stays on for the channels without a sender
(REST), whose rows still go to /dev/outbox.

The stack's clock (backend, gateway, actions) starts at tools.stack_launch.WORKING_DAY, a
Wednesday 10:00 in Madrid, whatever the wall clock says, so coverage hours, surcharges and
SLAs come out the same at any hour; ``stack.now()`` is that clock, for the tests' own
"since" moments. A test that needs another time starts its own stack with ``clock_start``.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
from collections.abc import Coroutine, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio
from tests.mailservers.dovecot import Dovecot, dovecot_binary
from tests.mailservers.smtp import SmtpServer
from tools.stack_launch import APP_BIN, MODEL, READY_TIMEOUT, Ports, StackError, launch

__all__ = ["APP_BIN", "MODEL", "READY_TIMEOUT", "MailServers", "Providers", "Stack",
           "started_stack"]

T = TypeVar("T")
TELEGRAM_SECRET = "e2e-telegram-webhook_secret-0123456789"
DESK = "desk@avisa.test"

ROOT = Path(__file__).resolve().parents[2]


class Providers:
    """The Telegram and Twilio fakes, served from a private event loop in a thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="provider-fakes",
                                       daemon=True)
        self.thread.start()
        self.telegram = FakeTelegram()
        self.twilio = FakeTwilio()
        self.run(self.telegram.start())
        self.run(self.twilio.start())

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def env(self) -> dict[str, str]:
        return {
            "AVISA_TELEGRAM_TOKEN": self.telegram.token,
            "AVISA_TELEGRAM_SECRET": TELEGRAM_SECRET,
            "AVISA_TELEGRAM_API_URL": self.telegram.api_url,
            "AVISA_TWILIO_ACCOUNT_SID": self.twilio.account_sid,
            "AVISA_TWILIO_AUTH_TOKEN": self.twilio.auth_token,
            "AVISA_TWILIO_FROM": self.twilio.number,
            "AVISA_TWILIO_API_URL": self.twilio.base_url,
        }

    def close(self) -> None:
        self.run(self.telegram.stop())
        self.run(self.twilio.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


class MailServers:
    """Dovecot (the desk's mailbox, where customers' mail arrives) and aiosmtpd (where
    the gateway's replies go), on loopback ports."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.imap = Dovecot.start()
        self.smtp = SmtpServer().start()
        self.desk = DESK

    def env(self) -> dict[str, str]:
        return {
            "AVISA_IMAP_HOST": "127.0.0.1",
            "AVISA_IMAP_PORT": str(self.imap.port),
            "AVISA_IMAP_TLS": "none",
            "AVISA_IMAP_USER": self.imap.user,
            "AVISA_IMAP_PASSWORD": self.imap.password,
            "AVISA_IMAP_POLL_INTERVAL": "0.5",
            "AVISA_IMAP_TIMEOUT": "10",
            "AVISA_IMAP_MAX_BACKOFF": "2",
            "AVISA_MAIL_ATTACHMENTS_DIR": str(self.work / "attachments"),
            "AVISA_SMTP_HOST": "127.0.0.1",
            "AVISA_SMTP_PORT": str(self.smtp.port),
            "AVISA_SMTP_TLS": "none",
            "AVISA_SMTP_FROM": self.desk,
        }

    def close(self) -> None:
        self.smtp.stop()
        self.imap.stop()


@dataclass(frozen=True)
class Stack:
    gateway: str
    backend: str
    rasa: str
    tokens: dict[str, str]
    log: Path
    providers: Providers | None = None
    public_url: str = ""
    mail: MailServers | None = None
    clock_offset: timedelta = timedelta(0)  # the stack's clock minus the real one
    portal_secret: str = ""  # the gateway's AVISA_PORTAL_SECRET (signed portal identities)

    def now(self) -> datetime:
        """The stack's now: compare it with times the product wrote."""
        return datetime.now(UTC) + self.clock_offset

    def tail(self, lines: int = 80) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def providers() -> Iterator[Providers]:
    started = Providers()
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(scope="session")
def mailservers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers | None]:
    if dovecot_binary() is None:  # the e-mail tests skip; the others run
        yield None
        return
    started = MailServers(tmp_path_factory.mktemp("mail"))
    try:
        yield started
    finally:
        started.close()


@contextlib.contextmanager
def started_stack(work: Path, providers: Providers, mailservers: MailServers | None,
                  extra_env: Mapping[str, str], *, ready_timeout: float = READY_TIMEOUT,
                  webhook_wait: float = 30.0, name: str = "stack", tail: int = 30
                  ) -> Iterator[Stack]:
    """The four processes launched on free ports and running until the gateway has set its
    Telegram webhook (it does at start); stopped afterwards, printing the log's tail.

    Telegram and Twilio are on, pointed at the local fakes; the gateway's own URL is the
    public one (Telegram webhook, Twilio signatures); the desk's mailbox and SMTP server
    when there are mail servers; demo mode on for the REST channel. Many tests verify the
    same demo customers, some with wrong factors on purpose: roomy failure limits (tested
    in tests/backend/test_verification_attempts.py). ``extra_env`` comes last."""
    if not MODEL.exists():
        pytest.skip("no trained model at var/models/current.tar.gz: run `make model` first")
    ports = Ports.free()
    env = {
        **providers.env(),
        "AVISA_PUBLIC_URL": ports.url("gateway"),
        "AVISA_OUTBOX_POLL_INTERVAL": "0.2",
        "AVISA_VERIFY_FAILURES_PER_CUSTOMER": "100",
        "AVISA_VERIFY_FAILURES_PER_CLIENT": "1000",
        **(mailservers.env() if mailservers else {}),
        "AVISA_DEMO": "1",
        **extra_env,
    }
    try:
        launched = launch(work, ports, env, ready_timeout=ready_timeout)
    except StackError as exc:
        pytest.fail(str(exc))
    started = Stack(gateway=ports.url("gateway"), backend=ports.url("backend"),
                    rasa=ports.url("rasa"), tokens=launched.tokens, log=launched.log,
                    providers=providers, public_url=ports.url("gateway"), mail=mailservers,
                    clock_offset=launched.clock_offset,
                    portal_secret=launched.env.get("AVISA_PORTAL_SECRET", ""))
    try:
        deadline = time.monotonic() + webhook_wait
        while providers.telegram.webhook_url is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the gateway never called setWebhook:\n{started.tail()}")
            time.sleep(0.2)
        yield started
    finally:
        launched.stop()
        sys.stdout.write(f"\n--- {name} log (tail) ---\n{started.tail(tail)}\n")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, providers: Providers,
          mailservers: MailServers | None) -> Iterator[Stack]:
    # One stack serves every test, many of them verifying the same demo customers by
    # one-time code: no back-off and roomy limits here (the limits have their own tests,
    # tests/backend/test_otp_limits.py).
    otp = {"AVISA_OTP_BACKOFF_SECONDS": "0", "AVISA_OTP_PER_CUSTOMER": "100",
           "AVISA_OTP_PER_CONTACT": "100"}
    with started_stack(tmp_path_factory.mktemp("stack"), providers, mailservers,
                       otp) as started:
        yield started
