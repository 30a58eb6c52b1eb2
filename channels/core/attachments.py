"""Files that came with a message, handed to the backend's attachment store (the gateway
never keeps them): each channel says how to fetch its files, this module stores them and
says what the customer is told (received, too large, refused) in Spanish and English."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError, BackendRejected
from channels.core.models import BotMessage, InboundMessage, StoredInbound
from channels.core.pipeline import Pipeline
from channels.core.texts import TEXTS

log = logging.getLogger(__name__)


class FetchError(Exception):
    """The provider would not give the file."""


def once(fetch: Callable[[], Awaitable[bytes]]) -> Callable[[], Awaitable[bytes]]:
    """The fetch, downloading at most once (a technician check may read a file before the
    customer's way does)."""
    kept: list[bytes] = []

    async def fetch_once() -> bytes:
        if not kept:
            kept.append(await fetch())
        return kept[0]

    return fetch_once


@dataclass(frozen=True)
class IncomingFile:
    kind: str  # photo, document, voice, video, file
    fetch: Callable[[], Awaitable[bytes]]
    filename: str | None = None


@dataclass(frozen=True)
class Handed:
    notice: str  # what the customer is told about the files
    photos: tuple[str, ...] = ()  # the attachment ids of the photos stored (not quarantined)


async def take_files(backend: BackendClient, pipeline: Pipeline, stored: StoredInbound,
                     files: Sequence[IncomingFile], *, media_only: bool,
                     message: InboundMessage) -> None:
    """Store the files of a stored message and tell the customer: a photo alone goes to the
    bot, which may answer it (channels/core/photos.py); else the notice, always when the
    message was only files, otherwise only when one was not kept (the bot answers the words)."""
    handed = await hand_over_files(backend, stored.message_id, files)
    received = handed.notice == TEXTS["attachment_received"]
    if media_only and handed.photos and await pipeline.respond_photo(
            message, stored, handed.photos[-1]):
        if not received:  # another file of the message was not kept
            await pipeline.store_reply(stored.conversation_id, BotMessage(handed.notice))
        return
    if media_only or not received:
        await pipeline.store_reply(stored.conversation_id, BotMessage(handed.notice))


async def hand_over(backend: BackendClient, message_id: str,
                    files: Sequence[IncomingFile]) -> str:
    """Store every file of a stored message; the notice for the customer."""
    return (await hand_over_files(backend, message_id, files)).notice


async def hand_over_files(backend: BackendClient, message_id: str,
                          files: Sequence[IncomingFile]) -> Handed:
    """Store every file of a stored message: the notice, and the photos kept."""
    notices: list[str] = []
    photos: list[str] = []
    for item in files:
        notice, kept = await _one(backend, message_id, item)
        notices.append(notice)
        if kept is not None and item.kind == "photo":
            photos.append(kept)
    return Handed("\n\n".join(dict.fromkeys(notices)), tuple(photos))


async def _one(backend: BackendClient, message_id: str,
               item: IncomingFile) -> tuple[str, str | None]:
    """The notice for one file, and its attachment id when it was stored."""
    try:
        data = await item.fetch()
    except FetchError as exc:
        log.warning("attachment of %s not fetched: %s", message_id, exc)
        return TEXTS["attachment_lost"], None
    params = {"message_id": message_id, "kind": item.kind}
    if item.filename:
        params["filename"] = item.filename[:200]
    try:
        stored = await backend.store_attachment(data, params)
    except BackendRejected as exc:
        return _bilingual(exc.details.get("reply")) or TEXTS["attachment_lost"], None
    except BackendError as exc:
        log.error("attachment of %s not stored: %s", message_id, exc)
        return TEXTS["attachment_lost"], None
    if stored.get("status") == "quarantined":
        return _bilingual(stored.get("reply")) or TEXTS["attachment_lost"], None
    return TEXTS["attachment_received"], str(stored.get("id") or "") or None


def _bilingual(reply: object) -> str:
    if isinstance(reply, dict) and reply.get("es") and reply.get("en"):
        return f"{reply['es']}\n{reply['en']}"
    return ""
