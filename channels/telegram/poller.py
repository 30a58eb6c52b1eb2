"""Receiving updates: ``setWebhook`` at start when ``AVISA_PUBLIC_URL`` is set (production),
otherwise a ``getUpdates`` long-poll loop (development, no public URL needed).

Both run as a background task of the app's ``cleanup_ctx`` and survive Telegram or the
backend being down: they retry with backoff, and the poller only moves past an update
once it is stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

from aiohttp import web
from telegram import Bot, BotCommand
from telegram.error import TelegramError

from channels.core.backoff import Backoff
from channels.core.errors import BackendError, InvalidInput
from channels.core.tasks import stop
from channels.telegram.client import BOT
from channels.telegram.handle import handle_update
from channels.telegram.settings import WEBHOOK_PATH, TelegramSettings
from channels.telegram.texts import MENU

log = logging.getLogger(__name__)
CleanupCtx = Callable[[web.Application], AsyncIterator[None]]

ALLOWED_UPDATES = ["message", "callback_query"]
MAX_BACKOFF = 60.0
FIRST_BACKOFF = 0.5


async def register_webhook(bot: Bot, url: str, secret: str) -> None:
    backoff = Backoff(FIRST_BACKOFF, MAX_BACKOFF)
    while True:
        try:
            await bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
            await set_menu(bot)
            log.info("telegram: webhook set to %s", url)
            return
        except TelegramError as exc:
            delay = backoff.next()
            log.warning("telegram: setWebhook failed (%s); retrying in %.1fs", exc, delay)
            await asyncio.sleep(delay)


async def set_menu(bot: Bot) -> None:
    for language, commands in MENU.items():
        await bot.set_my_commands([BotCommand(c, d) for c, d in commands],
                                  language_code=language)


async def poll(app: web.Application, timeout: int) -> None:
    """Long-poll getUpdates forever; an update not stored is fetched again."""
    bot = app[BOT]
    offset: int | None = None
    backoff = Backoff(FIRST_BACKOFF, MAX_BACKOFF)
    while True:
        try:
            if offset is None:  # getUpdates is refused while a webhook is set
                await bot.delete_webhook()
                offset = 0
            updates = await bot.get_updates(offset=offset, timeout=timeout,
                                            allowed_updates=ALLOWED_UPDATES)
            for update in updates:
                offset = await _take(app, update.to_dict(), update.update_id, offset)
                backoff.reset()
        except (TelegramError, BackendError) as exc:
            delay = backoff.next()
            log.warning("telegram polling: %s; retrying in %.1fs", exc, delay)
        except Exception:  # the loop must survive anything; log and go on
            delay = backoff.next()
            log.exception("telegram polling: unexpected error; retrying in %.1fs", delay)
        else:
            continue
        await asyncio.sleep(delay)


async def _take(app: web.Application, raw: dict[str, object], update_id: int, offset: int) -> int:
    try:
        await handle_update(app, raw)
    except InvalidInput as exc:
        log.warning("telegram polling: skipped update %s: %s", update_id, exc)
    return max(offset, update_id + 1)


def telegram_updates(telegram: TelegramSettings, public_url: str | None) -> CleanupCtx:
    """The background work that brings updates in: with a public URL, registering the
    webhook; without one, long-polling getUpdates."""

    async def updates(app: web.Application) -> AsyncIterator[None]:
        if public_url:
            work = register_webhook(app[BOT], public_url + WEBHOOK_PATH, telegram.secret)
        else:
            work = poll(app, telegram.poll_timeout)
        task = asyncio.create_task(work, name="telegram-updates")
        yield
        await stop(task)

    return updates
