"""StoreAttachment: inspect the bytes, write them once (content-addressed) and link them to
the message, the conversation and the incident — the one given, else the conversation's
open incident (its own, or the one its report was merged into). A provider's retry of the same
file for the same message is the same row."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import or_, select

from backend.adapters.orm import (
    AttachmentRow,
    Conversation,
    Incident,
    IncidentSubscription,
    Message,
)
from backend.domain.attachments.policy import inspect_bytes
from backend.domain.errors import NotFound
from backend.domain.incident import FINAL_STATES
from backend.services.conversations.attachments.blobs import LocalBlobs
from backend.services.conversations.attachments.images import check_image
from backend.services.conversations.attachments.views import attachment_view
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

KINDS = ("photo", "document", "voice", "video", "location", "file", "technician")


@dataclass(frozen=True)
class StoreAttachment:
    data: bytes
    kind: str = "file"
    filename: str | None = None
    conversation_id: str | None = None
    message_id: str | None = None
    incident_id: str | None = None


async def store_attachment(uows: UnitOfWorkFactory, blobs: LocalBlobs,
                           cmd: StoreAttachment) -> dict[str, object]:
    digest = hashlib.sha256(cmd.data).hexdigest()
    verdict = check_image(inspect_bytes(cmd.data), cmd.data)
    blobs.put(digest, cmd.data, quarantined=verdict.quarantined)

    async def work(uow: UnitOfWork) -> dict[str, object]:
        conversation_id = await _conversation(uow, cmd)
        if cmd.message_id is not None:
            same = await uow.session.scalar(select(AttachmentRow).where(
                AttachmentRow.message_id == cmd.message_id, AttachmentRow.sha256 == digest))
            if same is not None:
                return attachment_view(same)
        row = AttachmentRow(
            id=f"ATT-{secrets.token_hex(8)}", sha256=digest, mime=verdict.mime,
            size=len(cmd.data), filename=(cmd.filename or None) and cmd.filename[:200],
            kind=cmd.kind, status="quarantined" if verdict.quarantined else "stored",
            reason=verdict.reason, detail=verdict.detail[:500] or None,
            conversation_id=conversation_id, message_id=cmd.message_id,
            incident_id=await _incident(uow, cmd.incident_id, conversation_id),
            created_at=uow.clock())
        uow.session.add(row)
        await uow.flush()
        return attachment_view(row)

    return await uows.retried(work)


async def _conversation(uow: UnitOfWork, cmd: StoreAttachment) -> str | None:
    if cmd.message_id is not None:
        message = await uow.session.get(Message, cmd.message_id)
        if message is None:
            raise NotFound(f"no message {cmd.message_id}")
        if cmd.conversation_id not in (None, message.conversation_id):
            raise NotFound(f"message {cmd.message_id} is not in {cmd.conversation_id}")
        return message.conversation_id
    if cmd.conversation_id is not None \
            and await uow.session.get(Conversation, cmd.conversation_id) is None:
        raise NotFound(f"no conversation {cmd.conversation_id}")
    return cmd.conversation_id


async def _incident(uow: UnitOfWork, incident_id: str | None,
                    conversation_id: str | None) -> str | None:
    if incident_id is not None:
        if await uow.session.get(Incident, incident_id) is None:
            raise NotFound(f"no incident {incident_id}")
        return incident_id
    if conversation_id is None:
        return None
    # the conversation's own open incident, else one its report was merged into (a
    # reporter from another channel is subscribed to it): the newest
    subscribed = select(IncidentSubscription.incident_id).where(
        IncidentSubscription.conversation_id == conversation_id)
    found: str | None = await uow.session.scalar(
        select(Incident.id)
        .where(or_(Incident.conversation_id == conversation_id, Incident.id.in_(subscribed)),
               Incident.state.not_in([str(s) for s in FINAL_STATES]))
        .order_by(Incident.created_at.desc()).limit(1))
    return found
