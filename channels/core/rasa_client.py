"""Client for Rasa's REST channel: ``POST {rasa}/webhooks/rest/webhook``."""

from __future__ import annotations

import json

import aiohttp

from channels.core.errors import RasaProtocolError, RasaUnavailable
from channels.core.jsonfields import as_list
from channels.core.models import BotMessage, parse_bot_message

WEBHOOK_PATH = "/webhooks/rest/webhook"


class RasaClient:
    """Sends one user message to Rasa and returns the bot's replies.

    Raises ``RasaUnavailable`` (network, timeout, non-2xx) or ``RasaProtocolError``.
    """

    def __init__(self, session: aiohttp.ClientSession, base_url: str, timeout: float) -> None:
        self._session = session
        self._url = base_url.rstrip("/") + WEBHOOK_PATH
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(
        self,
        conversation_id: str,
        text: str,
        channel: str,
        address: str,
        message_id: str | None = None,
        resent: bool = False,
    ) -> list[BotMessage]:
        metadata: dict[str, str | bool] = {
            "channel": channel,
            "address": address,
            "conversation_id": conversation_id,
        }
        if message_id is not None:  # the stored message's id: Rasa's idempotency key
            metadata["message_id"] = message_id
        if resent:  # sent again by the customer: the first request may still be running
            metadata["resent"] = True
        body = {
            "sender": conversation_id,
            "message": text,
            "input_channel": channel,
            "metadata": metadata,
        }
        try:
            async with self._session.post(self._url, json=body, timeout=self._timeout) as resp:
                raw = await resp.read()
                status = resp.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RasaUnavailable(f"rasa: {str(exc) or type(exc).__name__}") from exc
        if status >= 300:
            raise RasaUnavailable(f"rasa answered status {status}")
        try:
            return [parse_bot_message(item) for item in as_list(json.loads(raw), "answer")]
        except ValueError as exc:
            raise RasaProtocolError(f"rasa answer: {exc}") from exc
