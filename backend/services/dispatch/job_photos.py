"""A technician's photos of a job (issue 20): a photo a technician sends from the job chat
(Telegram, or MMS from the phone on file) while working or closing a job is stored on that
job's incident as a `technician` file: the agents see it on the incident in the console,
and the delivery note lists it in its annex (`annex_of`). The job is the technician's
newest under way, else the one closed last within a day (photos sent just after closing)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import AttachmentRow
from backend.adapters.orm.dispatch import Dispatch
from backend.domain.routing.texts import lang, say
from backend.services.conversations.attachments.blobs import LocalBlobs
from backend.services.conversations.attachments.store import StoreAttachment, store_attachment
from backend.services.dispatch.outbox import tell
from backend.services.dispatch.technicians import Reach, by_address
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

KIND = "technician"
UNDER_WAY = ("accepted", "on_the_way", "arrived")
AFTER_CLOSING = timedelta(days=1)


async def _job(uow: UnitOfWork, technician_id: str) -> Dispatch | None:
    newest = select(Dispatch).where(Dispatch.technician_id == technician_id) \
        .order_by(Dispatch.offered_at.desc(), Dispatch.id.desc()).limit(1)
    under_way = await uow.session.scalar(newest.where(Dispatch.state.in_(UNDER_WAY)))
    if under_way is not None:
        return under_way
    closed: Dispatch | None = await uow.session.scalar(newest.where(
        Dispatch.state == "finished", Dispatch.finished_at >= uow.clock() - AFTER_CLOSING))
    return closed


async def is_technician(uows: UnitOfWorkFactory, channel: str, address: str) -> bool:
    """Whether files from (channel, address) are a technician's (checked before any upload)."""
    async with uows() as uow:
        return await by_address(uow, channel, address) is not None


async def technician_file(uows: UnitOfWorkFactory, blobs: LocalBlobs, channel: str,
                          address: str, data: bytes, filename: str | None) -> dict[str, Any]:
    """``handled: false`` when the sender is no technician (a customer's file)."""
    async with uows() as uow:
        found = await by_address(uow, channel, address)
        if found is None:
            return {"handled": False}
        tech, prof = found
        d = await _job(uow, tech.id)
        language, to = lang(prof.language), Reach(channel, address)
        if d is None:
            await tell(uow, to, say("photo_no_job", language), language)
            await uow.commit()
            return {"handled": True, "attachment": None}
        incident_id, order = d.incident_id, d.service_order_id or "-"
    view = await store_attachment(uows, blobs, StoreAttachment(
        data=data, kind=KIND, filename=filename, incident_id=incident_id))
    async with uows() as uow:
        added = "photo_added" if view["status"] == "stored" else "photo_refused"
        await tell(uow, to, say(added, language, incident=incident_id, order=order), language)
        await uow.commit()
    return {"handled": True, "attachment": view}


async def annex_of(session: AsyncSession, incident_id: str | None) -> list[dict[str, Any]]:
    """The technicians' stored photos of an incident, for a delivery note's annex."""
    if incident_id is None:
        return []
    rows = (await session.scalars(select(AttachmentRow).where(
        AttachmentRow.incident_id == incident_id, AttachmentRow.kind == KIND,
        AttachmentRow.status == "stored").order_by(AttachmentRow.created_at,
                                                   AttachmentRow.id))).all()
    return [{"id": r.id, "filename": r.filename or r.id, "mime": r.mime,
             "taken_at": r.created_at.isoformat()} for r in rows]
