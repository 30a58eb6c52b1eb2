"""A local Twilio REST API (Messages) and the Twilio side of an SMS webhook.

Production code sends with ``POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json``
(HTTP Basic auth ``AccountSid:AuthToken``, urlencoded ``To``, ``From`` or
``MessagingServiceSid``, ``Body``) against ``https://api.twilio.com``; tests switch only the
base URL. Answers are Twilio's JSON (201 with a ``SM…`` sid, or ``{"code", "message",
"more_info", "status"}`` errors). ``deliver_sms`` plays an inbound SMS: it POSTs the form
Twilio posts to a messaging webhook, signed with ``X-Twilio-Signature`` computed here
independently of the production validator (HMAC-SHA1 over the URL plus the sorted
parameters, base64).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes import loopback

Json = dict[str, Any]
OPT_OUT_KEYWORDS = {**dict.fromkeys(("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"),
                                    "STOP"),
                    **dict.fromkeys(("START", "YES", "UNSTOP"), "START")}


def twilio_signature(auth_token: str, url: str, params: dict[str, str]) -> str:
    payload = url + "".join(k + params[k] for k in sorted(params))
    digest = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@dataclass
class FakeTwilio:
    account_sid: str = "AC" + "0" * 30 + "01"
    auth_token: str = "test-auth-token-0123456789abcdef"
    number: str = "+34910000000"
    messages: list[Json] = field(default_factory=list)
    opted_out: set[str] = field(default_factory=set)  # numbers that texted STOP
    fail_next: int = 0  # the next N sends answer 503
    base_url: str = ""
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    media: dict[str, bytes] = field(default_factory=dict)  # media sid → bytes
    media_fetches: list[str] = field(default_factory=list)

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self._create_message)
        app.router.add_get("/2010-04-01/Accounts/{sid}/Messages/{msid}/Media/{media}",
                           self._get_media)
        app.router.add_get("/media-store/{media}", self._media_store)
        self._runner, self.base_url = await loopback.serve(app)
        return self.base_url

    async def stop(self) -> None:
        await loopback.stop(self._runner)

    def is_opted_out(self, number: str) -> bool:
        return number in self.opted_out

    def bodies_to(self, number: str) -> list[str]:
        return [m["body"] for m in self.messages if m["to"] == number]

    async def _create_message(self, request: web.Request) -> web.Response:
        if request.match_info["sid"] != self.account_sid or not self._authorised(request):
            return _error(401, 20003, "Authenticate")
        if self.fail_next > 0:
            self.fail_next -= 1
            return _error(503, 20500, "Service Unavailable")
        form = await request.post()
        to, body = str(form.get("To", "")), str(form.get("Body", ""))
        sender = str(form.get("From", "")) or str(form.get("MessagingServiceSid", ""))
        if not to.startswith("+") or not to[1:].isdigit():
            return _error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if not sender:
            return _error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
        if not body:
            return _error(400, 21602, "Message body is required.")
        if to in self.opted_out:
            return _error(400, 21610, "Attempt to send to unsubscribed recipient")
        if len(body) > 1600:
            return _error(400, 21617, "The concatenated message body exceeds the 1600 "
                                      "character limit.")
        sid = f"SM{next(self._ids):032x}"
        now = format_datetime(datetime.now(UTC), usegmt=True)
        segments = 1 + (len(body) - 1) // 153 if len(body) > 160 else 1
        message = {"sid": sid, "account_sid": self.account_sid, "to": to, "from": sender,
                   "body": body, "status": "queued", "num_segments": str(segments),
                   "direction": "outbound-api", "date_created": now, "date_updated": now,
                   "date_sent": None, "price": None, "error_code": None, "error_message": None,
                   "api_version": "2010-04-01",
                   "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json"}
        self.messages.append(message)
        return web.json_response(message, status=201)

    # --- MMS media: the API URL (Basic auth) redirects to the stored bytes ---------
    def add_media(self, message_sid: str, data: bytes) -> str:
        """Keep ``data`` as a media of ``message_sid``; its MediaUrl for the webhook form."""
        media_sid = f"ME{len(self.media) + 1:032x}"
        self.media[media_sid] = data
        return (f"{self.base_url}/2010-04-01/Accounts/{self.account_sid}/Messages/"
                f"{message_sid}/Media/{media_sid}")

    async def _get_media(self, request: web.Request) -> web.Response:
        if request.match_info["sid"] != self.account_sid or not self._authorised(request):
            return _error(401, 20003, "Authenticate")
        media_sid = request.match_info["media"]
        if media_sid not in self.media:
            return _error(404, 20404, "The requested resource was not found")
        self.media_fetches.append(media_sid)
        raise web.HTTPFound(f"/media-store/{media_sid}")

    async def _media_store(self, request: web.Request) -> web.Response:
        data = self.media.get(request.match_info["media"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="image/jpeg")

    def _authorised(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return hmac.compare_digest(header, f"Basic {expected}")

    # --- the Twilio side of an inbound SMS -------------------------------------
    def inbound_form(self, sender: str, body: str, sid: str | None = None,
                     media: tuple[bytes, ...] = ()) -> dict[str, str]:
        sid = sid or "SM" + secrets.token_hex(16)
        urls = {f"MediaUrl{i}": self.add_media(sid, data) for i, data in enumerate(media)}
        types = {f"MediaContentType{i}": "image/jpeg" for i in range(len(media))}
        # Twilio's default opt-out handling acts at its edge, then still posts the message
        # (with OptOutType when Advanced Opt-Out is on).
        keyword = OPT_OUT_KEYWORDS.get(body.strip().upper())
        extra = {"OptOutType": keyword} if keyword else {}
        if keyword == "STOP":
            self.opted_out.add(sender)
        elif keyword == "START":
            self.opted_out.discard(sender)
        return {**extra, **urls, **types, "ToCountry": "ES", "ToState": "",
                "SmsMessageSid": sid, "NumMedia": str(len(media)),
                "ToCity": "", "FromZip": "", "SmsSid": sid, "FromState": "",
                "SmsStatus": "received",
                "FromCity": "", "Body": body, "FromCountry": "ES", "To": self.number,
                "ToZip": "", "NumSegments": "1", "MessageSid": sid, "AccountSid": self.account_sid,
                "From": sender, "ApiVersion": "2010-04-01"}

    async def deliver_sms(self, webhook_url: str, form: dict[str, str],
                          signed_url: str | None = None, auth_token: str | None = None,
                          ) -> tuple[int, str]:
        """POST ``form`` to our webhook signed for ``signed_url`` (the public URL)."""
        signature = twilio_signature(auth_token or self.auth_token, signed_url or webhook_url, form)
        headers = {"X-Twilio-Signature": signature, "User-Agent": "TwilioProxy/1.1"}
        async with aiohttp.ClientSession() as session, session.post(
                webhook_url, data=form, headers=headers) as response:
            return response.status, await response.text()


def _error(status: int, code: int, message: str) -> web.Response:
    return web.json_response({"code": code, "message": message, "status": status,
                              "more_info": f"https://www.twilio.com/docs/errors/{code}"},
                             status=status)
