"""Reading attachments: one row's metadata, the lists of a conversation and of an incident
(its own files and those of its conversation before it was filed)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import AttachmentRow, Incident
from backend.domain.errors import NotFound
from backend.services.platform.uow import UnitOfWorkFactory


def attachment_view(row: AttachmentRow) -> dict[str, Any]:
    return {"id": row.id, "sha256": row.sha256, "mime": row.mime, "size": row.size,
            "filename": row.filename, "kind": row.kind, "status": row.status,
            "reason": row.reason, "detail": row.detail,
            "conversation_id": row.conversation_id, "message_id": row.message_id,
            "incident_id": row.incident_id, "created_at": row.created_at.isoformat()}


async def get_attachment(uows: UnitOfWorkFactory, attachment_id: str) -> AttachmentRow:
    async with uows() as uow:
        row = await uow.session.get(AttachmentRow, attachment_id)
        if row is not None:
            uow.session.expunge(row)  # read after the transaction ends
    if row is None:
        raise NotFound(f"no attachment {attachment_id}")
    return row


async def of_conversation(uows: UnitOfWorkFactory, conversation_id: str) -> list[dict[str, Any]]:
    return await of_conversations(uows, [conversation_id])


async def of_conversations(uows: UnitOfWorkFactory,
                           conversation_ids: list[str]) -> list[dict[str, Any]]:
    async with uows() as uow:
        rows = (await uow.session.scalars(
            select(AttachmentRow).where(AttachmentRow.conversation_id.in_(conversation_ids))
            .order_by(AttachmentRow.created_at, AttachmentRow.id))).all()
        return [attachment_view(r) for r in rows]


async def incident_rows(session: AsyncSession, incident: Incident) -> list[AttachmentRow]:
    """An incident's files: its own, and its conversation's from before it was filed."""
    mine = AttachmentRow.incident_id == incident.id
    unfiled = (AttachmentRow.incident_id.is_(None)
               & (AttachmentRow.conversation_id == incident.conversation_id)
               & (AttachmentRow.created_at <= incident.created_at))
    where = or_(mine, unfiled) if incident.conversation_id else mine
    return list((await session.scalars(
        select(AttachmentRow).where(where)
        .order_by(AttachmentRow.created_at, AttachmentRow.id))).all())


async def of_incident(uows: UnitOfWorkFactory, incident_id: str) -> list[dict[str, Any]]:
    async with uows() as uow:
        incident = await uow.session.get(Incident, incident_id)
        if incident is None:
            raise NotFound(f"no incident {incident_id}")
        return [attachment_view(r) for r in await incident_rows(uow.session, incident)]
