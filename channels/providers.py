"""Provider channels (Telegram, Twilio SMS, e-mail): clients, outbox senders, inbound
routes and background work.

Each provider is switched on by its part of the settings and gets only that part
(nothing below this module reads the gateway's ``Settings``); without it a provider adds
nothing (demo mode sends its rows to the dev outbox instead). E-mail: the SMTP replier
when ``AVISA_SMTP_HOST`` is set, the IMAP poller when ``AVISA_IMAP_HOST`` is set (only
the replica holding the mailbox's lease polls; email/imap/lease.py); at shutdown the
poller is cancelled, which gives the lease up.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import aiohttp
from aiohttp import web

from channels.config import Settings
from channels.core.pipeline import Pipeline
from channels.core.rasa_client import RasaClient
from channels.core.tasks import stop
from channels.email.imap.lease import PollerLease
from channels.email.imap.poller import MailPoller
from channels.email.ingest.client import MailBackendClient
from channels.email.ingest.ingestor import IngestSetup, MailIngestor
from channels.email.limits import Limits
from channels.email.parse.loop_guard import LoopPolicy
from channels.email.smtp.mailer import SmtpMailer
from channels.email.smtp.sender import EmailSender, MailReplier
from channels.outbox.senders import Sender
from channels.rest.callback import RestCallbackSender
from channels.sms import webhook as sms_webhook
from channels.sms.media import TwilioMedia
from channels.sms.send import TwilioSender
from channels.telegram import webhook as telegram_webhook
from channels.telegram.client import BOT, open_bot
from channels.telegram.poller import telegram_updates
from channels.telegram.send import TelegramSender

CleanupCtx = Callable[[web.Application], AsyncIterator[None]]
SENDERS = web.AppKey("provider_senders", dict)
MAIL_POLLER = web.AppKey("mail_poller", MailPoller)


def install(app: web.Application, settings: Settings) -> None:
    """Routes and background work of the configured providers; call after the pipeline's
    and the background pool's cleanup contexts, before the outbox worker's."""
    app.cleanup_ctx.append(provider_clients(settings))
    if settings.telegram is not None:
        telegram_webhook.add_routes(app, settings.telegram.secret)
        app.cleanup_ctx.append(telegram_updates(settings.telegram, settings.public_url))
    if settings.twilio is not None:
        sms_webhook.add_routes(app, settings.twilio.auth_token, settings.public_url,
                               TwilioMedia(settings.twilio))
    if settings.imap is not None or settings.smtp is not None:
        app.cleanup_ctx.append(mail_channel(settings))


def provider_senders(app: web.Application) -> dict[str, Sender]:
    senders: dict[str, Sender] = app.get(SENDERS, {})
    return senders


def provider_clients(settings: Settings) -> CleanupCtx:
    """Open each configured provider's client and register its outbox sender."""

    async def clients(app: web.Application) -> AsyncIterator[None]:
        senders: dict[str, Sender] = {}
        async with contextlib.AsyncExitStack() as stack:
            if settings.telegram is not None:
                app[BOT] = await stack.enter_async_context(open_bot(settings.telegram))
                senders["telegram"] = TelegramSender(app[BOT])
            if settings.twilio is not None:
                http = await stack.enter_async_context(aiohttp.ClientSession())
                senders["sms"] = TwilioSender(http, settings.twilio)
            if settings.rest_callback is not None:
                http = await stack.enter_async_context(aiohttp.ClientSession())
                senders["rest"] = RestCallbackSender(http, settings.rest_callback)
            app[SENDERS] = senders
            yield

    return clients


def loop_policy(settings: Settings) -> LoopPolicy:
    own = {
        a.lower()
        for a in (
            settings.smtp and settings.smtp.from_address,
            settings.imap and settings.imap.user,
        )
        if a and "@" in a
    }
    if settings.smtp is None:
        return LoopPolicy(own_addresses=frozenset(own))
    return LoopPolicy(
        max_replies=settings.smtp.max_replies,
        window=timedelta(seconds=settings.smtp.reply_window),
        own_addresses=frozenset(own),
        verified_factor=settings.smtp.verified_factor,
    )


def mail_channel(settings: Settings) -> CleanupCtx:
    """The e-mail channel: the SMTP replier (the outbox's ``email`` sender), the IMAP poller."""

    async def mail(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession() as http:
            backend = MailBackendClient(
                http, settings.backend_url, settings.token_gateway, settings.backend_timeout
            )
            clock = settings.clock()
            replier = None
            if settings.smtp is not None:
                replier = MailReplier(SmtpMailer(settings.smtp), backend, clock)
                app[SENDERS] = {**provider_senders(app), "email": EmailSender(replier)}
            task = None
            if settings.imap is not None:
                pipeline = Pipeline(
                    backend, RasaClient(http, settings.rasa_url, settings.rasa_timeout)
                )
                setup = IngestSetup(Limits(), loop_policy(settings),
                                    settings.imap.attachments_dir, clock)
                lease = PollerLease(backend, settings.imap.mailbox, settings.imap.lease_ttl)
                poller = MailPoller(settings.imap, backend,
                                    MailIngestor(pipeline, backend, replier, setup), lease=lease)
                app[MAIL_POLLER] = poller
                task = asyncio.create_task(poller.run_forever(), name="mail-ingestion")
            yield
            if task is not None:
                await stop(task)

    return mail
