"""The technician side of the gateway: a message from a technician (linked Telegram chat,
or the phone on file for SMS) — or a `/start CODE` linking one — is handed to the
backend's POST /api/technicians/inbound and never reaches Rasa. The backend answers
`handled: false` for customers, whose messages then go through the pipeline as usual.
Replies to technicians come back through the outbox like every other message."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from channels.core.attachments import FetchError, IncomingFile
from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError

log = logging.getLogger(__name__)
PREFIX = "t:"  # payloads of technicians' buttons: sent to Telegram verbatim as callback_data


async def technician_turn(backend: BackendClient, channel: str, address: str, text: str,
                          data: str | None = None) -> bool:
    """True when the backend took the message as a technician's. A backend failure is
    False only for text that cannot be a technician's button (the pipeline then stores
    it and reports the outage its own way)."""
    try:
        return await backend.technician_inbound(channel, address, text or "-", data)
    except BackendError as exc:
        log.warning("technician check failed for %s:%s: %s", channel, address, exc)
        return bool(data and data.startswith(PREFIX))


async def technician_files(backend: BackendClient, channel: str, address: str,
                           files: Sequence[IncomingFile]) -> bool:
    """A technician's photos from the job chat go to their job's incident (the backend
    answers them); False for a customer's files, which take the customer's way. A file
    the provider would not give is skipped (logged). Nothing is downloaded for a customer."""
    try:
        if not files or not await backend.is_technician(channel, address):
            return False
    except BackendError as exc:
        log.warning("technician check failed for %s:%s: %s", channel, address, exc)
        return False
    handled = False
    for item in files:
        try:
            data = await item.fetch()
        except FetchError as exc:
            log.warning("technician file from %s:%s not fetched: %s", channel, address, exc)
            continue
        try:
            handled = await backend.technician_file(channel, address, data, item.filename)
        except BackendError as exc:
            log.warning("technician file from %s:%s not stored: %s", channel, address, exc)
            return handled
        if not handled:
            return False
    return handled
