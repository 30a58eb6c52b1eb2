"""Outbox senders, one per channel, looked up in a table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from channels.core.errors import DeliveryError
from channels.core.models import Delivery, OutboxItem

DEV_OUTBOX = "dev-outbox"


class Sender(Protocol):
    async def send(self, item: OutboxItem) -> Delivery: ...


class DevOutboxSender:
    """Demo mode: the row is only marked delivered; people read it at /dev/outbox."""

    async def send(self, item: OutboxItem) -> Delivery:
        return Delivery(via=DEV_OUTBOX)


class SenderTable:
    """Chooses the sender of a row by its channel.

    A configured sender always wins (``web``, and providers whose credentials are
    set); in demo mode every other channel goes to the dev outbox.
    """

    def __init__(self, senders: Mapping[str, Sender], demo: bool) -> None:
        self._senders = dict(senders)
        self._demo = demo
        self._dev = DevOutboxSender()

    def for_channel(self, channel: str) -> Sender:
        sender = self._senders.get(channel)
        if sender is not None:
            return sender
        if self._demo:
            return self._dev
        raise DeliveryError(f"no sender configured for channel {channel!r}")
