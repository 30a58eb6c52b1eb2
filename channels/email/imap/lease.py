"""One IMAP poller per mailbox among gateway replicas: a lease the backend grants.

The gateway keeps no state of its own, so leadership lives in the backend's database
(``POST /api/mail/lease``, docs/email.md). ``PollerLease.hold`` runs the poller while
the lease is held: it renews every ``ttl / 3`` seconds (every second after a renewal the
backend did not answer, until the lease runs out) and cancels the poller when
another replica holds the lease, or when no renewal succeeded before the lease ran
out by this replica's own clock (counted from the moment it asked, so it stops before
the backend lets anyone else in). At shutdown the lease is released: a standby
replica takes over at its next try instead of waiting for the lease to expire.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import secrets
import socket
from collections.abc import Awaitable, Callable

from channels.core.errors import BackendError
from channels.core.tasks import stop
from channels.email.ingest.client import MailBackendClient

log = logging.getLogger(__name__)
RELEASE_TIMEOUT = 3.0  # seconds a shutdown waits to give the lease up
RENEW_RETRY = 1.0  # seconds between renewals while the backend does not answer


def holder_id() -> str:
    """This replica, as the lease's holder: host, process and a random part."""
    return f"{socket.gethostname()[:100]}:{os.getpid()}:{secrets.token_hex(4)}"


class PollerLease:
    def __init__(
        self, backend: MailBackendClient, mailbox: str, ttl: float, holder: str | None = None
    ) -> None:
        self._backend = backend
        self._mailbox = mailbox
        self._ttl = max(1, math.ceil(ttl))
        self.holder = holder or holder_id()
        self._valid_until = 0.0  # loop time; the lease is ours until then
        self.held = False

    @property
    def retry_every(self) -> float:
        return self._ttl / 3

    async def acquire(self) -> bool:
        """One try to take or renew the lease. ``False``: another replica holds it, or
        the backend did not answer (then the lease may still be ours until it runs out)."""
        loop = asyncio.get_running_loop()
        asked_at = loop.time()
        try:
            lease = await self._backend.acquire_lease(self._mailbox, self.holder, self._ttl)
        except BackendError as exc:
            log.warning("mail: lease on %s not renewed: %s", self._mailbox, exc)
            return False
        if lease.granted:
            if not self.held:
                log.info("mail: this replica (%s) polls %s", self.holder, self._mailbox)
            self.held = True
            self._valid_until = asked_at + self._ttl
            return True
        if self.held:
            log.warning("mail: %s took the lease on %s", lease.holder, self._mailbox)
        self.held = False
        return False

    async def hold(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run ``work`` (acquire first) until the lease is lost; then cancel it."""
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(work())
        renewed = True
        try:
            while True:
                left = self._valid_until - loop.time()
                # after a renewal that got no answer, the next try comes soon: one slow
                # answer (a busy backend) must not cost a third of the lease
                pause = self.retry_every if renewed else min(RENEW_RETRY, self.retry_every)
                done, _ = await asyncio.wait({task}, timeout=max(0.0, min(pause, left)))
                if done:
                    await task  # work ends only by an error: let it surface
                    return
                left = self._valid_until - loop.time()
                renewed = False
                if left > 0:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(left):
                            renewed = await self.acquire()
                if not renewed and (not self.held or loop.time() >= self._valid_until):
                    log.warning("mail: lost the lease on %s; polling stops", self._mailbox)
                    self.held = False
                    return
        finally:
            await stop(task)

    async def release(self) -> None:
        """Give the lease up (shutdown); bounded, as the lease expires anyway."""
        if not self.held:
            return
        self.held = False
        try:
            async with asyncio.timeout(RELEASE_TIMEOUT):
                await self._backend.release_lease(self._mailbox, self.holder)
        except (BackendError, TimeoutError) as exc:
            log.warning("mail: lease on %s not released (it expires): %r", self._mailbox, exc)
