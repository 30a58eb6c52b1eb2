"""Outbox senders, one per channel, looked up in a table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from channels.errors import DeliveryError
from channels.models import BotMessage, Delivery, OutboxItem
from channels.web.events import bot_event
from channels.web.hub import WebHub

DEV_OUTBOX = "dev-outbox"


class Sender(Protocol):
    async def send(self, item: OutboxItem) -> Delivery: ...


class WebSocketSender:
    """Pushes a proactive message to the open widget sockets of the address."""

    def __init__(self, hub: WebHub) -> None:
        self._hub = hub

    async def send(self, item: OutboxItem) -> Delivery:
        event = bot_event(BotMessage(text=item.text, buttons=item.buttons))
        if await self._hub.send(item.address, event) == 0:
            raise DeliveryError(f"no open widget socket for {item.address}")
        return Delivery(via="web")


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


def default_senders(hub: WebHub) -> dict[str, Sender]:
    return {"web": WebSocketSender(hub)}
