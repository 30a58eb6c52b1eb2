"""Files that go with an outbox row (issue 20: the incident's photos on a technician's job
card). A sender that sends images itself (``PhotoSender``: Telegram's ``sendPhoto`` and
``sendMediaGroup``) gets their bytes, before the row's text; any other channel (SMS,
e-mail, the dev outbox) gets the row's text with one signed, expiring link per file, on
the gateway's ``GET /files/{id}?expires=…&sig=…`` (``channels/outbox/file_links.py``),
which the backend checks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError, DeliveryError
from channels.core.models import OutboxItem

BACKEND_FILES = "/api/files/"  # the backend's signed route; the gateway serves it at /files/
PUBLIC_FILES = "/files/"


@dataclass(frozen=True)
class Photo:
    attachment_id: str
    data: bytes
    mime: str


@runtime_checkable
class PhotoSender(Protocol):
    async def send_photos(self, item: OutboxItem, photos: list[Photo]) -> None:
        """Send the images to the row's address. Raises ``DeliveryError``."""
        ...


async def photos_of(backend: BackendClient, item: OutboxItem) -> list[Photo]:
    try:
        return [Photo(aid, *await backend.attachment_content(aid)) for aid in item.attachments]
    except BackendError as exc:
        raise DeliveryError(f"cannot read the files of {item.id}: {exc}") from exc


def public_link(base_url: str, backend_path: str) -> str:
    """``/api/files/ATT-1?expires=…&sig=…`` → ``{base_url}/files/ATT-1?expires=…&sig=…``."""
    return base_url + PUBLIC_FILES + backend_path.removeprefix(BACKEND_FILES)


async def with_links(backend: BackendClient, item: OutboxItem, base_url: str) -> OutboxItem:
    """The row with a signed link per file after its text (and no files left to send)."""
    try:
        links = [public_link(base_url, await backend.attachment_link(aid))
                 for aid in item.attachments]
    except BackendError as exc:
        raise DeliveryError(f"cannot sign the links of {item.id}: {exc}") from exc
    return replace(item, text="\n".join([item.text, *links]), attachments=())
