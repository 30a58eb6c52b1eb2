"""One Telegram update, from webhook or poller alike: store it, answer a pressed button's
callback query, and let the bot reply in the background (through the outbox)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError

from channels.core.attachments import FetchError, IncomingFile, once, take_files
from channels.core.background import BACKGROUND
from channels.core.errors import InvalidInput
from channels.core.keys import BACKEND, PIPELINE
from channels.core.models import BotMessage, InboundMessage, StoredInbound
from channels.core.technicians import technician_files, technician_turn
from channels.core.texts import TEXTS
from channels.telegram.client import BOT
from channels.telegram.parse import CHANNEL, TelegramInbound, parse_update, resolve
from channels.telegram.texts import NOTICES

log = logging.getLogger(__name__)


def decode(raw: Any, app: web.Application) -> Update:
    """Raise ``InvalidInput`` unless ``raw`` is a Telegram update."""
    if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
        raise InvalidInput("invalid_request", "a Telegram update needs an integer update_id")
    try:
        update = Update.de_json(raw, app[BOT])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput("invalid_request", f"not a Telegram update: {exc}") from exc
    if update is None:
        raise InvalidInput("invalid_request", "empty Telegram update")
    return update


async def handle_update(app: web.Application, raw: Any) -> None:
    """Raises ``InvalidInput`` (not an update) or ``BackendError`` (not stored: Telegram
    must deliver it again). Anything after the store is best effort."""
    event = parse_update(decode(raw, app))
    if event is None:
        return
    files = [IncomingFile(f.kind, once(_fetcher(app, f.file_id)), f.filename)
             for f in event.files]
    if await _technician(app, event, files):
        return
    stored = await app[PIPELINE].accept(event.message)
    message, stale = resolve(event, stored)
    if event.callback_id is not None:
        await _answer_callback(app, event.callback_id, stale)
    if stored.duplicate:
        return
    if event.files:
        app[BACKGROUND].spawn(stored.conversation_id,
                              lambda: _with_files(app, event, message, stored, files))
        return
    if event.media_only:  # a location is kept with the message; stickers and such are not
        placed = "location" in event.message.metadata
        reply = BotMessage(TEXTS["attachment_received"] if placed else NOTICES["text_only"])
        app[BACKGROUND].spawn(stored.conversation_id,
                              lambda: app[PIPELINE].store_reply(stored.conversation_id, reply))
        return
    app[BACKGROUND].spawn(stored.conversation_id,
                          lambda: app[PIPELINE].respond(message, stored))


async def _with_files(app: web.Application, event: TelegramInbound, message: InboundMessage,
                      stored: StoredInbound, files: list[IncomingFile]) -> None:
    """Store the files, tell the customer, then the bot answers a caption if there is one."""
    await take_files(app[BACKEND], app[PIPELINE], stored, files, media_only=event.media_only,
                     message=message)
    if not event.media_only:
        await app[PIPELINE].respond(message, stored)


def _fetcher(app: web.Application, file_id: str) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        try:
            file = await app[BOT].get_file(file_id)
            return bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            raise FetchError(f"telegram getFile {file_id}: {exc}") from exc

    return fetch


async def _technician(app: web.Application, event: TelegramInbound,
                      files: list[IncomingFile]) -> bool:
    """A technician's message or button goes to the backend's technician handler; their
    photos to the job's incident."""
    message = event.message
    if files and await technician_files(app[BACKEND], CHANNEL, message.address, files):
        return True
    data = message.metadata.get("callback_data")
    handled = await technician_turn(app[BACKEND], CHANNEL, message.address, message.text,
                                    data if isinstance(data, str) else None)
    if handled and event.callback_id is not None:
        await _answer_callback(app, event.callback_id, False)
    return handled


async def _answer_callback(app: web.Application, callback_id: str, stale: bool) -> None:
    """Stops the button's spinner; a failure here loses nothing."""
    try:
        await app[BOT].answer_callback_query(
            callback_id, text=NOTICES["stale_button"] if stale else None
        )
    except TelegramError as exc:
        log.warning("telegram: answerCallbackQuery failed: %s", exc)
