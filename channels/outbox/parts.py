"""Rows a provider receives in several parts (a long SMS): each part is sent at most once.

A ``PartSender`` splits a row into bodies and sends one body at a time. The worker sends
the parts in order and records each part the provider accepted in the backend, keyed by
outbox id and part number (``POST /api/outbox/{id}/parts``); a retry of the row (after a
failure on part 2, or a worker that died) reads them back and sends only the missing
parts. A part whose acceptance could not be recorded stops the row there (it is retried
later), so a backend outage repeats at most that one part.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError, DeliveryError
from channels.core.models import Delivery, OutboxItem

log = logging.getLogger(__name__)


@runtime_checkable
class PartSender(Protocol):
    via: str

    def parts(self, item: OutboxItem) -> list[str]: ...

    async def send_part(self, item: OutboxItem, body: str) -> str:
        """Send one body; return the provider's id. Raises ``DeliveryError``."""
        ...


async def deliver_in_parts(
    backend: BackendClient, sender: PartSender, item: OutboxItem
) -> Delivery:
    bodies = sender.parts(item)
    if len(bodies) == 1:  # nothing to remember: the row's own state is enough
        return Delivery(sender.via, await sender.send_part(item, bodies[0]))
    try:
        done = await backend.sent_parts(item.id)
    except BackendError as exc:
        raise DeliveryError(f"cannot read the parts sent already: {exc}") from exc
    ids: list[str] = []
    for number, body in enumerate(bodies, start=1):
        if number in done:
            ids.append(done[number])
            continue
        provider_id = await sender.send_part(item, body)
        ids.append(provider_id)
        try:
            await backend.record_part(item.id, number, provider_id)
        except BackendError as exc:
            log.error("outbox: %s part %s sent but not recorded: %s", item.id, number, exc)
            raise DeliveryError(f"part {number} sent but not recorded: {exc}") from exc
    if done:
        log.info("outbox: %s resumed after part(s) %s", item.id, sorted(done))
    return Delivery(sender.via, ",".join(ids)[:200])
