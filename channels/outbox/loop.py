"""The outbox delivery loop: claim rows, deliver each, report back. Never dies."""

from __future__ import annotations

import asyncio
import logging

from channels.core.backend_client import BackendClient
from channels.core.backoff import Backoff
from channels.core.errors import BackendError, DeliveryError
from channels.core.models import OutboxItem
from channels.outbox.files import PhotoSender, photos_of, with_links
from channels.outbox.parts import PartSender, deliver_in_parts
from channels.outbox.senders import SenderTable

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class OutboxWorker:
    def __init__(
        self, backend: BackendClient, senders: SenderTable, interval: float, batch: int,
        files_url: str = "",
    ) -> None:
        self._backend = backend
        self._senders = senders
        self._interval = interval
        self._batch = batch
        self._files_url = files_url  # where technicians reach GET /files/… (the gateway)

    async def run_forever(self) -> None:
        """Poll until cancelled; backend downtime only slows the loop down."""
        backoff = Backoff(self._interval, max(self._interval, MAX_BACKOFF))
        while True:
            delay = self._interval
            try:
                delivered = await self.run_once()
                backoff.reset()
            except BackendError as exc:
                delay = self._interval + backoff.next()
                log.warning("outbox: backend unavailable (%s); retrying in %.1fs", exc, delay)
                delivered = 0
            except Exception:  # the loop must survive anything; log and go on
                delay = self._interval + backoff.next()
                log.exception("outbox: unexpected error; retrying in %.1fs", delay)
                delivered = 0
            if delivered == 0:
                await asyncio.sleep(delay)

    async def run_once(self) -> int:
        """Claim one batch and deliver it; return how many rows were claimed."""
        items = await self._backend.claim_outbox(self._batch)
        for item in items:
            await self._deliver(item)
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            sender = self._senders.for_channel(item.channel)
            if item.attachments and isinstance(sender, PhotoSender):  # the images first
                await sender.send_photos(item, await photos_of(self._backend, item))
            elif item.attachments:
                item = await with_links(self._backend, item, self._files_url)
            if isinstance(sender, PartSender):  # each part at most once (outbox/parts.py)
                delivery = await deliver_in_parts(self._backend, sender, item)
            else:
                delivery = await sender.send(item)
        except DeliveryError as exc:
            await self._report_failure(item, str(exc))
            return
        except Exception as exc:  # a broken sender must not stop the others
            log.exception("outbox: sender crashed on %s", item.id)
            await self._report_failure(item, f"sender crashed: {exc!r}")
            return
        try:
            await self._backend.mark_delivered(item.id, delivery.via, delivery.provider_message_id)
        except BackendError as exc:
            log.error("outbox: %s delivered but not recorded: %s", item.id, exc)

    async def _report_failure(self, item: OutboxItem, error: str) -> None:
        log.info("outbox: %s failed: %s", item.id, error)
        try:
            await self._backend.mark_failed(item.id, error)
        except BackendError as exc:
            log.error("outbox: could not record failure of %s: %s", item.id, exc)
