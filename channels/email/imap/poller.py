"""The IMAP ingestion loop, run by the gateway as a ``cleanup_ctx`` background task.

One session: connect, read the checkpoint from the backend, ingest every UID above
it in order, then wait (IDLE re-issued every ``idle_renew`` seconds, or polling
every ``poll_interval`` when the server lacks IDLE or ``AVISA_IMAP_IDLE=0``) and
drain again. Any failure closes the session and reconnects with exponential
backoff with full jitter (core/backoff.py, capped at ``max_backoff``); nothing but
cancellation ends the loop.

With a ``PollerLease`` (always, in the gateway) only the replica holding the mailbox's
lease connects: the others try to take it every ``ttl / 3`` seconds, and one of them
takes over when the holder stops or cannot reach the backend any more (lease.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from channels.core.backoff import Backoff
from channels.core.errors import BackendError
from channels.email.imap.config import ImapSettings
from channels.email.imap.lease import PollerLease
from channels.email.imap.mailbox import ImapMailbox, MailboxError, MailboxState
from channels.email.ingest.client import MailBackendClient, Position
from channels.email.ingest.ingestor import MailIngestor

log = logging.getLogger(__name__)

FIRST_BACKOFF = 1.0


class MailPoller:
    def __init__(
        self,
        settings: ImapSettings,
        backend: MailBackendClient,
        ingestor: MailIngestor,
        mailbox: Callable[[ImapSettings], ImapMailbox] = ImapMailbox,
        lease: PollerLease | None = None,
    ) -> None:
        self._s = settings
        self._backend = backend
        self._ingestor = ingestor
        self._mailbox = mailbox
        self.lease = lease
        self.sessions = 0  # connections opened, for tests and logs
        self.outcomes: dict[str, int] = {}

    async def run_forever(self) -> None:
        lease = self.lease
        if lease is None:
            await self._poll_forever()
            return
        try:
            while True:
                if await lease.acquire():
                    await lease.hold(self._poll_forever)
                await asyncio.sleep(lease.retry_every)
        finally:
            await lease.release()

    async def _poll_forever(self) -> None:
        backoff = Backoff(FIRST_BACKOFF, max(FIRST_BACKOFF, self._s.max_backoff))
        while True:
            try:
                await self._session()
            except (MailboxError, BackendError) as exc:
                log.warning("mail: %s; reconnecting", exc)
            except Exception:  # the loop must survive anything; log and go on
                log.exception("mail: unexpected error; reconnecting")
            if self.sessions_ok:  # the last session worked: this is a fresh failure
                backoff.reset()
            await asyncio.sleep(backoff.next())

    async def _session(self) -> None:
        box = self._mailbox(self._s)
        self.sessions_ok = False
        try:
            state = await box.open()
            self.sessions += 1
            idle = state.has_idle and self._s.use_idle
            log.info(
                "mail: %s opened (UIDVALIDITY %s, IDLE %s)",
                self._s.mailbox,
                state.uidvalidity,
                "on" if idle else "off",
            )
            while True:
                await self.drain(box, state)
                self.sessions_ok = True
                if idle:
                    await box.wait_for_news()
                else:
                    await asyncio.sleep(self._s.poll_interval)
        finally:
            await box.close()

    async def drain(self, box: ImapMailbox, state: MailboxState) -> int:
        """Ingest every mail above the checkpoint, in UID order; return how many."""
        checkpoint = await self._backend.checkpoint(self._s.mailbox)
        last = 0
        if checkpoint is not None and checkpoint.uidvalidity == state.uidvalidity:
            last = checkpoint.last_uid
        elif checkpoint is not None:
            log.warning(
                "mail: UIDVALIDITY of %s changed (%s → %s); re-scanning, duplicates "
                "are skipped by Message-ID",
                self._s.mailbox,
                checkpoint.uidvalidity,
                state.uidvalidity,
            )
        count = 0
        for uid in await box.uids_after(last, state.uidvalidity):
            raw = await box.fetch(uid)
            if raw is None:
                continue  # expunged between SEARCH and FETCH
            outcome = await self._ingestor.handle(
                raw, Position(self._s.mailbox, state.uidvalidity, uid)
            )
            kind = outcome.split(":", 1)[0]
            self.outcomes[kind] = self.outcomes.get(kind, 0) + 1
            log.info("mail: uid %s → %s", uid, outcome)
            count += 1
        return count

    sessions_ok = False
