"""Sending SMS through Twilio's Messages API (``AVISA_TWILIO_API_URL`` switches the host)."""

from __future__ import annotations

import base64

import aiohttp

from channels.core.errors import DeliveryError
from channels.core.models import Delivery, OutboxItem
from channels.sms.render import render
from channels.sms.settings import TwilioSettings

VIA = "twilio"
TIMEOUT = aiohttp.ClientTimeout(total=15)


class TwilioSender:
    """One outbox row → one or more SMS ("(1/2)" parts), sent in order.

    Raises ``DeliveryError`` on any failure (the backend retries the row with backoff).
    The outbox worker sends through ``parts``/``send_part`` (a ``PartSender``) and records
    each part Twilio accepted, so a row that failed half-way sends only its missing parts
    when retried; ``send`` sends every part (no memory of earlier tries).
    """

    via = VIA

    def __init__(self, http: aiohttp.ClientSession, settings: TwilioSettings) -> None:
        self._http = http
        self._settings = settings
        self._url = (
            f"{settings.api_url}/2010-04-01/Accounts/{settings.account_sid}/Messages.json"
        )
        basic = base64.b64encode(f"{settings.account_sid}:{settings.auth_token}".encode())
        self._headers = {"Authorization": f"Basic {basic.decode()}"}

    def parts(self, item: OutboxItem) -> list[str]:
        return render(item)

    async def send_part(self, item: OutboxItem, body: str) -> str:
        return await self.send_body(item.address, body)

    async def send(self, item: OutboxItem) -> Delivery:
        sids = [await self.send_body(item.address, body) for body in render(item)]
        return Delivery(via=VIA, provider_message_id=",".join(sids)[:200])

    async def send_body(self, to: str, body: str) -> str:
        form = {"To": to, self._settings.sender_field: self._settings.sender, "Body": body}
        try:
            async with self._http.post(
                self._url, data=form, headers=self._headers, timeout=TIMEOUT
            ) as response:
                answer = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise DeliveryError(f"twilio unreachable: {exc!r}") from exc
        if status >= 300 or not isinstance(answer, dict) or "sid" not in answer:
            detail = answer if isinstance(answer, dict) else {}
            raise DeliveryError(
                f"twilio refused ({status} {detail.get('code')}): {detail.get('message')}"
            )
        return str(answer["sid"])
