"""The PTB ``Bot`` the gateway uses, with its Bot API base URL taken from the settings.

Nothing is called at start (no ``getMe``): the gateway starts without Telegram being
reachable. The HTTP pools are ours, closed at shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from telegram import Bot
from telegram.request import HTTPXRequest

from channels.telegram.settings import TelegramSettings

BOT = web.AppKey("telegram_bot", Bot)


@asynccontextmanager
async def open_bot(settings: TelegramSettings) -> AsyncIterator[Bot]:
    requests = HTTPXRequest(connection_pool_size=8, read_timeout=10.0)
    updates = HTTPXRequest(connection_pool_size=1, read_timeout=settings.poll_timeout + 10.0)
    bot = Bot(settings.token, base_url=settings.api_url, base_file_url=file_url(settings.api_url),
              request=requests, get_updates_request=updates)
    try:
        yield bot
    finally:
        await requests.shutdown()
        await updates.shutdown()


def file_url(api_url: str) -> str:
    """Files are downloaded from ``…/file/bot<token>/<path>`` beside ``…/bot<token>/``."""
    return api_url.removesuffix("/bot") + "/file/bot"
