"""Outbound for the web widget: proactive messages pushed to the open sockets."""

from __future__ import annotations

from channels.core.errors import DeliveryError
from channels.core.models import BotMessage, Delivery, OutboxItem
from channels.outbox.senders import Sender
from channels.web.hub import WebHub
from channels.web.render import bot_event


class WebSocketSender:
    """Pushes a proactive message to the open widget sockets of the address."""

    def __init__(self, hub: WebHub) -> None:
        self._hub = hub

    async def send(self, item: OutboxItem) -> Delivery:
        event = bot_event(BotMessage(text=item.text, buttons=item.buttons))
        if await self._hub.send(item.address, event) == 0:
            raise DeliveryError(f"no open widget socket for {item.address}")
        return Delivery(via="web")


def web_senders(hub: WebHub) -> dict[str, Sender]:
    return {"web": WebSocketSender(hub)}
