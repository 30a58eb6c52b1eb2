"""The incident's photos on a technician's job card (issue 20): the ids of its stored
images ride on the outbox row; the gateway sends them as photos on Telegram and as
signed, expiring links on SMS and e-mail (channels/outbox/files.py)."""

from __future__ import annotations

from backend.adapters.orm import Incident
from backend.domain.attachments.policy import IMAGES
from backend.domain.routing.texts import say
from backend.services.conversations.attachments.views import incident_rows
from backend.services.platform.uow import UnitOfWork

MAX_PHOTOS = 10  # a Telegram media group holds at most ten
LINKED = frozenset({"sms", "email"})  # channels that get links, not the images


async def photo_ids(uow: UnitOfWork, incident: Incident) -> list[str]:
    """The incident's images that may be served (quarantined files never go out)."""
    rows = await incident_rows(uow.session, incident)
    return [r.id for r in rows if r.status == "stored" and r.mime in IMAGES][:MAX_PHOTOS]


def with_links_line(text: str, channel: str, photos: list[str], language: str) -> str:
    """On a linked channel, the card says the links follow (the gateway appends them)."""
    if not photos or channel not in LINKED:
        return text
    return f"{text}\n{say('photo_links', language, count=len(photos))}"
