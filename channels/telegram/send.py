"""Sending outbox rows through PTB's ``Bot`` (Bot API base URL from the settings)."""

from __future__ import annotations

from telegram import Bot
from telegram.error import TelegramError

from channels.core.errors import DeliveryError
from channels.core.models import Delivery, OutboxItem
from channels.telegram.render import render

VIA = "telegram"


class TelegramSender:
    """Raises ``DeliveryError`` on any Telegram or network failure (the backend retries
    the row with backoff); nothing blocks the event loop."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, item: OutboxItem) -> Delivery:
        message_ids = []
        for call in render(item):
            try:
                sent = await self._bot.send_message(**call)
            except TelegramError as exc:
                raise DeliveryError(f"telegram: {type(exc).__name__}: {exc}") from exc
            message_ids.append(str(sent.message_id))
        return Delivery(via=VIA, provider_message_id=",".join(message_ids)[:200])
