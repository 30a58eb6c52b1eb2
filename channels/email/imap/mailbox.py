"""One IMAP connection (aioimaplib): open, list new UIDs, fetch, and wait with IDLE.

Errors: ``MailboxError`` (a ``GatewayError``), with ``MailboxUnavailable`` for a
server that cannot be reached, times out, drops the line or stops answering during
IDLE (the watchdog), and ``MailboxRefused`` for a NO/BAD answer (bad login, no
such mailbox). The poller reconnects with backoff after either.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from dataclasses import dataclass
from typing import Any

import aioimaplib

from channels.core.errors import GatewayError
from channels.email.imap.config import ImapSettings

log = logging.getLogger(__name__)

_UIDVALIDITY = re.compile(rb"\[UIDVALIDITY (\d+)\]", re.IGNORECASE)
_STATUS_VALIDITY = re.compile(rb"UIDVALIDITY (\d+)", re.IGNORECASE)
_NEWS = (b"EXISTS", b"RECENT")
_TROUBLE = re.compile(rb"^(?:\* )?(?:NO|BAD|BYE)\b")  # e.g. the folder was deleted under us
LOST = [b"connection lost"]


class MailboxError(GatewayError):
    """The IMAP mailbox could not be used."""


class MailboxUnavailable(MailboxError):
    """Connection refused, timeout, line dropped, or a silent server (watchdog)."""


class MailboxRefused(MailboxError):
    """The server answered NO or BAD."""


@dataclass(frozen=True)
class MailboxState:
    uidvalidity: int
    has_idle: bool


class ImapMailbox:
    def __init__(self, settings: ImapSettings) -> None:
        self._s = settings
        self._imap: Any = None
        self.lost = False

    async def open(self) -> MailboxState:
        s = self._s
        context = ssl.create_default_context() if s.tls == "tls" else None
        self._imap = aioimaplib.IMAP4(
            host=s.host,
            port=s.port,
            timeout=s.timeout,
            conn_lost_cb=self._lost,
            ssl_context=context,
        )
        try:
            await self._imap.wait_hello_from_server()
            if self._imap.get_state() == "NONAUTH":
                self._check(await self._imap.login(s.user, s.password), "LOGIN")
            selected = self._check(await self._imap.select(s.mailbox), f"SELECT {s.mailbox}")
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            raise MailboxUnavailable(f"imap {s.host}:{s.port}: {exc!r}") from exc
        found = next(filter(None, (_UIDVALIDITY.search(bytes(x)) for x in selected.lines)), None)
        if found is None:
            raise MailboxRefused(f"SELECT {s.mailbox}: the server sent no UIDVALIDITY")
        return MailboxState(int(found.group(1)), self._imap.has_capability("IDLE"))

    async def uids_after(self, last_uid: int, uidvalidity: int) -> list[int]:
        """UIDs above ``last_uid``; ``MailboxUnavailable`` when the folder was rebuilt."""
        # NOOP first: the server announces mail appended by others before SEARCH sees it.
        # STATUS: a folder deleted and re-created under this session has a new UIDVALIDITY.
        await self._command(self._imap.noop(), "NOOP")
        status = await self._command(self._imap.status(self._s.mailbox, "(UIDVALIDITY)"), "STATUS")
        found = next(filter(None, (_STATUS_VALIDITY.search(bytes(x)) for x in status.lines)), None)
        if found is not None and int(found.group(1)) != uidvalidity:
            raise MailboxUnavailable(f"UIDVALIDITY of {self._s.mailbox} changed; reopening")
        response = await self._command(
            self._imap.uid_search(f"UID {last_uid + 1}:*", charset=None), "SEARCH"
        )
        uids = {int(word) for line in response.lines for word in _search_words(line)}
        return sorted(uid for uid in uids if uid > last_uid)  # "n:*" always names the last mail

    async def fetch(self, uid: int) -> bytes | None:
        """The raw mail, or ``None`` when it was expunged meanwhile."""
        response = await self._command(self._imap.uid("fetch", str(uid), "(BODY.PEEK[])"), "FETCH")
        literals = [bytes(line) for line in response.lines if isinstance(line, bytearray)]
        return literals[0] if literals else None

    async def wait_for_news(self) -> bool:
        """IDLE until the server announces mail (True) or ``idle_renew`` passes (False).

        The watchdog: no answer within ``idle_renew + watchdog`` seconds means the
        connection is stuck, and ``MailboxUnavailable`` is raised.
        """
        s = self._s
        try:
            async with asyncio.timeout(s.idle_renew + s.watchdog + s.timeout):
                idle = await self._imap.idle_start(timeout=s.idle_renew)
                news = False
                while not news:
                    push = await self._imap.wait_server_push(timeout=s.idle_renew + s.watchdog)
                    if push is LOST or self.lost:
                        raise MailboxUnavailable("connection lost during IDLE")
                    if push == aioimaplib.STOP_WAIT_SERVER_PUSH:
                        break
                    if any(_TROUBLE.match(bytes(line)) for line in push):
                        raise MailboxUnavailable(f"server trouble during IDLE: {push!r}"[:300])
                    news = any(word in bytes(line) for line in push for word in _NEWS)
                self._imap.idle_done()
                await idle
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            raise MailboxUnavailable(f"IDLE watchdog: {exc!r}") from exc
        return news

    async def close(self) -> None:
        if self._imap is None:
            return
        try:
            if not self.lost:
                await asyncio.wait_for(self._imap.logout(), 5)
        except (OSError, TimeoutError, aioimaplib.AioImapException):
            pass
        finally:
            transport = getattr(self._imap.protocol, "transport", None)
            if transport is not None:
                transport.close()

    def _lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self._imap is not None:
            self._imap.protocol.idle_queue.put_nowait(LOST)

    async def _command(self, pending: Any, what: str) -> Any:
        if self.lost:
            raise MailboxUnavailable(f"{what}: connection lost")
        try:
            response = await asyncio.wait_for(pending, self._s.timeout)
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            raise MailboxUnavailable(f"{what}: {exc!r}") from exc
        return self._check(response, what)

    @staticmethod
    def _check(response: Any, what: str) -> Any:
        if response.result != "OK":
            raise MailboxRefused(f"{what}: {response.result} {response.lines[-1:]!r}")
        return response


def _search_words(line: Any) -> list[str]:
    text = bytes(line).decode("ascii", "replace")
    if not text.upper().startswith("SEARCH"):
        words = text.split()
        return [w for w in words if w.isdigit()] if words and words[0].isdigit() else []
    return [w for w in text.split()[1:] if w.isdigit()]
