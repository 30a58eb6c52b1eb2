"""Files that came with a message, handed to the backend's attachment store (the gateway
never keeps them): each channel says how to fetch its files, this module stores them and
says what the customer is told (received, too large, refused) in Spanish and English."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError, BackendRejected
from channels.core.models import BotMessage, StoredInbound
from channels.core.pipeline import Pipeline
from channels.core.texts import TEXTS

log = logging.getLogger(__name__)


class FetchError(Exception):
    """The provider would not give the file."""


@dataclass(frozen=True)
class IncomingFile:
    kind: str  # photo, document, voice, video, file
    fetch: Callable[[], Awaitable[bytes]]
    filename: str | None = None


async def take_files(backend: BackendClient, pipeline: Pipeline, stored: StoredInbound,
                     files: Sequence[IncomingFile], *, media_only: bool) -> None:
    """Store the files of a stored message and tell the customer: always when the message
    was only files, else only when one was not kept (the bot answers the words)."""
    notice = await hand_over(backend, stored.message_id, files)
    if media_only or notice != TEXTS["attachment_received"]:
        await pipeline.store_reply(stored.conversation_id, BotMessage(notice))


async def hand_over(backend: BackendClient, message_id: str,
                    files: Sequence[IncomingFile]) -> str:
    """Store every file of a stored message; the notice for the customer."""
    notices: list[str] = []
    for item in files:
        notices.append(await _one(backend, message_id, item))
    return "\n\n".join(dict.fromkeys(notices))


async def _one(backend: BackendClient, message_id: str, item: IncomingFile) -> str:
    try:
        data = await item.fetch()
    except FetchError as exc:
        log.warning("attachment of %s not fetched: %s", message_id, exc)
        return TEXTS["attachment_lost"]
    params = {"message_id": message_id, "kind": item.kind}
    if item.filename:
        params["filename"] = item.filename[:200]
    try:
        stored = await backend.store_attachment(data, params)
    except BackendRejected as exc:
        return _bilingual(exc.details.get("reply")) or TEXTS["attachment_lost"]
    except BackendError as exc:
        log.error("attachment of %s not stored: %s", message_id, exc)
        return TEXTS["attachment_lost"]
    if stored.get("status") == "quarantined":
        return _bilingual(stored.get("reply")) or TEXTS["attachment_lost"]
    return TEXTS["attachment_received"]


def _bilingual(reply: object) -> str:
    if isinstance(reply, dict) and reply.get("es") and reply.get("en"):
        return f"{reply['es']}\n{reply['en']}"
    return ""
