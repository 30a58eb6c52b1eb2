"""``POST /webhooks/twilio/sms``: Twilio's inbound-SMS webhook.

The ``X-Twilio-Signature`` is checked against the PUBLIC URL Twilio was given
(``AVISA_PUBLIC_URL`` + path), so it holds behind a proxy that rewrites host or scheme;
a forged request gets 403 and nothing is stored. A genuine one is stored, answered at
once with an empty TwiML ``<Response/>``, and the bot's replies go out later through
the outbox (the Messages API).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from twilio.request_validator import RequestValidator

from channels.core.attachments import IncomingFile, take_files
from channels.core.background import BACKGROUND
from channels.core.errors import BackendError, BackendRejected, InvalidInput
from channels.core.keys import BACKEND, PIPELINE
from channels.core.models import BotMessage, StoredInbound
from channels.core.technicians import technician_files, technician_turn
from channels.sms.media import TwilioMedia
from channels.sms.parse import CHANNEL, SmsInbound, parse_form, resolve
from channels.sms.settings import WEBHOOK_PATH
from channels.sms.texts import NOTICES

log = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


@dataclass(frozen=True)
class Signatures:
    """What an inbound request's X-Twilio-Signature is checked with."""

    validator: RequestValidator
    public_url: str | None  # the URL Twilio signs, when the gateway is behind a proxy
    media: TwilioMedia | None = None  # fetches MMS media with the account's credentials


SIGNATURES = web.AppKey("twilio_signatures", Signatures)


def signed_url(request: web.Request) -> str:
    """The URL Twilio signed: the public URL when configured, else what we received."""
    public = request.app[SIGNATURES].public_url
    return public + request.path_qs if public else str(request.url)


async def sms_webhook(request: web.Request) -> web.Response:
    form = await request.post()
    params = {key: value for key, value in form.items() if isinstance(value, str)}
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not request.app[SIGNATURES].validator.validate(
        signed_url(request), params, signature
    ):
        log.warning("twilio webhook: bad signature from %s", request.remote)
        return web.Response(status=403, text="invalid signature")
    app = request.app
    media = app[SIGNATURES].media
    try:
        sms = parse_form(params)
        files = media.files(sms.media_urls) if sms.media_urls and media is not None else []
        if files and await technician_files(app[BACKEND], CHANNEL, sms.message.address, files):
            return web.Response(text=EMPTY_TWIML, content_type="text/xml")  # a job's photo
        # Twilio counts "YES" as an opt-in keyword; from a technician it answers a question
        if sms.keyword != "stop" and await technician_turn(
                app[BACKEND], CHANNEL, sms.message.address, sms.message.text):
            return web.Response(text=EMPTY_TWIML, content_type="text/xml")
        stored = await app[PIPELINE].accept(sms.message)
        if sms.keyword is not None:  # recorded before Twilio hears "OK"
            await app[BACKEND].set_opt_out(stored.conversation_id, sms.keyword == "stop")
    except InvalidInput as exc:
        return web.Response(status=400, text=exc.message)
    except BackendError as exc:
        if isinstance(exc, BackendRejected) and exc.status == 400:
            return web.Response(status=400, text=exc.message)
        log.error("twilio webhook: could not store %s: %s", sms.message.provider_message_id, exc)
        return web.Response(status=503, text="try again")
    if not stored.duplicate and sms.keyword is None:
        app[BACKGROUND].spawn(stored.conversation_id,
                              lambda: _answer(app, sms, stored, files))
    return web.Response(text=EMPTY_TWIML, content_type="text/xml")


async def _answer(app: web.Application, sms: SmsInbound, stored: StoredInbound,
                  files: list[IncomingFile]) -> None:
    if files:
        await take_files(app[BACKEND], app[PIPELINE], stored, files,
                         media_only=sms.media_only, message=sms.message)
        if sms.media_only:
            return
    if sms.media_only:
        await app[PIPELINE].store_reply(stored.conversation_id, BotMessage(NOTICES["text_only"]))
    else:
        await app[PIPELINE].respond(resolve(sms, stored), stored)


def add_routes(app: web.Application, auth_token: str, public_url: str | None,
               media: TwilioMedia | None = None) -> None:
    app[SIGNATURES] = Signatures(RequestValidator(auth_token), public_url, media)
    app.router.add_post(WEBHOOK_PATH, sms_webhook)
