"""Provider channels (Telegram, Twilio SMS): clients, outbox senders, inbound routes.

Each provider is switched on by its credentials in the settings; without them it adds
nothing (demo mode sends its rows to the dev outbox instead).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from channels.core.keys import SETTINGS
from channels.outbox.senders import Sender
from channels.sms import webhook as sms_webhook
from channels.sms.send import TwilioSender
from channels.telegram import poller
from channels.telegram import webhook as telegram_webhook
from channels.telegram.client import BOT, open_bot
from channels.telegram.send import TelegramSender

SENDERS = web.AppKey("provider_senders", dict)


async def provider_clients(app: web.Application) -> AsyncIterator[None]:
    """Open each configured provider's client and register its outbox sender."""
    settings = app[SETTINGS]
    senders: dict[str, Sender] = {}
    async with contextlib.AsyncExitStack() as stack:
        if settings.telegram is not None:
            app[BOT] = await stack.enter_async_context(open_bot(settings.telegram))
            senders["telegram"] = TelegramSender(app[BOT])
        if settings.twilio is not None:
            http = await stack.enter_async_context(aiohttp.ClientSession())
            senders["sms"] = TwilioSender(http, settings.twilio)
        app[SENDERS] = senders
        yield


def install(app: web.Application) -> None:
    """Routes and background work of the configured providers; call after the pipeline's
    and the background pool's cleanup contexts, before the outbox worker's."""
    settings = app[SETTINGS]
    app.cleanup_ctx.append(provider_clients)
    if settings.telegram is not None:
        telegram_webhook.add_routes(app)
        app.cleanup_ctx.append(poller.telegram_updates)
    if settings.twilio is not None:
        sms_webhook.add_routes(app, settings.twilio.auth_token)


def provider_senders(app: web.Application) -> dict[str, Sender]:
    senders: dict[str, Sender] = app.get(SENDERS, {})
    return senders
