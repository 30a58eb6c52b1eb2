"""MMS media of an inbound Twilio message: ``MediaUrl0…`` fetched with the account's
credentials (HTTP Basic, as Twilio's media authentication wants), only from the
configured Twilio API host and this account's own messages, redirects followed (Twilio
hands the bytes out from its storage)."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Mapping

import aiohttp

from channels.core.attachments import FetchError, IncomingFile, once
from channels.sms.settings import TwilioSettings

MAX_MEDIA = 10  # Twilio's own limit per message
TIMEOUT = aiohttp.ClientTimeout(total=30)


def media_urls(form: Mapping[str, str], count: int) -> tuple[str, ...]:
    return tuple(url for i in range(min(count, MAX_MEDIA))
                 if (url := form.get(f"MediaUrl{i}", "").strip()))


class TwilioMedia:
    def __init__(self, settings: TwilioSettings) -> None:
        self._prefix = f"{settings.api_url}/2010-04-01/Accounts/{settings.account_sid}/"
        basic = base64.b64encode(f"{settings.account_sid}:{settings.auth_token}".encode())
        self._headers = {"Authorization": f"Basic {basic.decode()}"}

    def files(self, urls: tuple[str, ...]) -> list[IncomingFile]:
        return [IncomingFile("photo", once(self._fetcher(url))) for url in urls]

    def _fetcher(self, url: str) -> Callable[[], Awaitable[bytes]]:
        async def fetch() -> bytes:
            if not url.startswith(self._prefix):
                raise FetchError(f"not this account's Twilio media: {url[:120]}")
            try:
                async with aiohttp.ClientSession() as http, http.get(
                        url, headers=self._headers, timeout=TIMEOUT) as response:
                    if response.status != 200:
                        raise FetchError(f"twilio media {url[:120]}: status {response.status}")
                    return await response.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise FetchError(f"twilio media unreachable: {exc!r}") from exc

        return fetch
