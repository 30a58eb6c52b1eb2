"""Sending outbox rows through PTB's ``Bot`` (Bot API base URL from the settings)."""

from __future__ import annotations

from telegram import Bot, InputMediaPhoto
from telegram.error import TelegramError

from channels.core.errors import DeliveryError
from channels.core.models import Delivery, OutboxItem
from channels.outbox.files import Photo
from channels.telegram.render import render

VIA = "telegram"


class TelegramSender:
    """Raises ``DeliveryError`` on any Telegram or network failure (the backend retries
    the row with backoff); nothing blocks the event loop."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send_photos(self, item: OutboxItem, photos: list[Photo]) -> None:
        """The images, uploaded (multipart): ``sendPhoto`` for one, ``sendMediaGroup`` for
        two to ten (one album)."""
        try:
            if len(photos) == 1:
                await self._bot.send_photo(item.address, photos[0].data,
                                           filename=filename(photos[0]))
            elif photos:
                await self._bot.send_media_group(item.address, [
                    InputMediaPhoto(p.data, filename=filename(p)) for p in photos[:10]])
        except TelegramError as exc:
            raise DeliveryError(f"telegram: {type(exc).__name__}: {exc}") from exc

    async def send(self, item: OutboxItem) -> Delivery:
        message_ids = []
        for call in render(item):
            try:
                sent = await self._bot.send_message(**call)
            except TelegramError as exc:
                raise DeliveryError(f"telegram: {type(exc).__name__}: {exc}") from exc
            message_ids.append(str(sent.message_id))
        return Delivery(via=VIA, provider_message_id=",".join(message_ids)[:200])


def filename(photo: Photo) -> str:
    return f"{photo.attachment_id}.{photo.mime.rpartition('/')[2].split(';')[0] or 'jpg'}"
