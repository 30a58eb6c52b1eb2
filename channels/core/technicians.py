"""The technician side of the gateway: a message from a technician (linked Telegram chat,
or the phone on file for SMS) — or a `/start CODE` linking one — is handed to the
backend's POST /api/technicians/inbound and never reaches Rasa. The backend answers
`handled: false` for customers, whose messages then go through the pipeline as usual.
Replies to technicians come back through the outbox like every other message."""

from __future__ import annotations

import logging

import aiohttp
from aiohttp import web

from channels.core.keys import SETTINGS

log = logging.getLogger(__name__)
PATH = "/api/technicians/inbound"
PREFIX = "t:"  # payloads of technicians' buttons: sent to Telegram verbatim as callback_data


async def technician_turn(app: web.Application, channel: str, address: str, text: str,
                          data: str | None = None) -> bool:
    """True when the backend took the message as a technician's. A backend failure is
    False only for text that cannot be a technician's button (the pipeline then stores
    it and reports the outage its own way)."""
    settings = app[SETTINGS]
    body = {"channel": channel, "address": address, "text": text or "-", "data": data}
    headers = {"Authorization": f"Bearer {settings.token_gateway}"}
    timeout = aiohttp.ClientTimeout(total=settings.backend_timeout)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as http, http.post(
                settings.backend_url.rstrip("/") + PATH, json=body, headers=headers) as reply:
            answer = await reply.json(content_type=None)
            status = reply.status
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        log.warning("technician check failed for %s:%s: %s", channel, address, exc)
        return bool(data and data.startswith(PREFIX))
    if status != 200 or not isinstance(answer, dict):
        log.warning("technician check answered %s: %s", status, answer)
        return bool(data and data.startswith(PREFIX))
    return bool(answer.get("handled"))
