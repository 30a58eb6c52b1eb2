"""Wiring of the e-mail channel into the gateway app (``cleanup_ctx`` + outbox sender).

``mail_channel`` opens the mail HTTP session, builds the SMTP replier when
``AVISA_SMTP_HOST`` is set and starts the IMAP poller when ``AVISA_IMAP_HOST`` is
set (only the replica holding the mailbox's lease polls; lease.py); at shutdown it
cancels the poller, which gives the lease up. ``email_senders`` gives the outbox its
``email`` sender (SMTP), when configured.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
from aiohttp import web

from channels.config import Settings
from channels.core.keys import SETTINGS
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

MAIL_REPLIER = web.AppKey("mail_replier", MailReplier)
MAIL_POLLER = web.AppKey("mail_poller", MailPoller)


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
    )


async def mail_channel(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    if settings.imap is None and settings.smtp is None:
        yield
        return
    async with aiohttp.ClientSession() as http:
        backend = MailBackendClient(
            http, settings.backend_url, settings.token_gateway, settings.backend_timeout
        )
        clock = settings.clock()
        replier = (MailReplier(SmtpMailer(settings.smtp), backend, clock) if settings.smtp
                   else None)
        if replier is not None:
            app[MAIL_REPLIER] = replier
        task = None
        if settings.imap is not None:
            pipeline = Pipeline(backend, RasaClient(http, settings.rasa_url, settings.rasa_timeout))
            setup = IngestSetup(Limits(), loop_policy(settings), settings.imap.attachments_dir,
                                clock)
            lease = PollerLease(backend, settings.imap.mailbox, settings.imap.lease_ttl)
            poller = MailPoller(
                settings.imap,
                backend,
                MailIngestor(pipeline, backend, replier, setup),
                lease=lease,
            )
            app[MAIL_POLLER] = poller
            task = asyncio.create_task(poller.run_forever(), name="mail-ingestion")
        yield
        if task is not None:
            await stop(task)


def email_senders(app: web.Application) -> dict[str, Sender]:
    replier = app.get(MAIL_REPLIER)
    return {"email": EmailSender(replier)} if replier is not None else {}
