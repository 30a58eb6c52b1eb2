"""ReadPlate (issue 20 §3): the machine read from a photo the customer sent — a nameplate's
serial matched against that customer's machines only (backend/domain/plates.py), the error
codes of a display — for the bot to confirm ("Is it the Kaeser ASD 40 T, CMP-3104-K?"),
never to assume. The photo is the one named, else the conversation's latest stored image;
the error codes read join the symptom of the incident the photo belongs to, or of the report
the bot is collecting (``into_incident`` false)."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.ocr import OcrError, read_text
from backend.adapters.orm import AttachmentRow, Incident
from backend.domain.display_codes import error_codes, is_nameplate, with_codes
from backend.domain.errors import InvalidRequest, NotFound
from backend.domain.plates import PlateMachine, read_machine
from backend.services.conversations.attachments.blobs import LocalBlobs
from backend.services.conversations.lookup import verified
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWorkFactory


def _machine(m: PlateMachine) -> dict[str, str]:
    return {"equipment_id": m.equipment_id, "serial": m.serial, "model": m.model}


async def read_plate(uows: UnitOfWorkFactory, blobs: LocalBlobs, cid: str,
                     attachment_id: str | None, *, into_incident: bool = True
                     ) -> dict[str, Any]:
    """``into_incident`` false: the bot is collecting a new report, which takes the codes
    itself (ReportProblem.error_codes), not the conversation's older open incident."""
    async with uows() as uow:
        _, customer = await verified(uow, cid)
        query = select(AttachmentRow).where(AttachmentRow.conversation_id == cid,
                                            AttachmentRow.status == "stored",
                                            AttachmentRow.mime.startswith("image/"))
        if attachment_id:
            query = query.where(AttachmentRow.id == attachment_id)
        row = await uow.session.scalar(
            query.order_by(AttachmentRow.created_at.desc(), AttachmentRow.id.desc()).limit(1))
        if row is None:
            raise NotFound("no photo in this conversation to read", id=attachment_id or cid)
        sha, photo, incident_id = row.sha256, row.id, row.incident_id
        fleet = [PlateMachine(eq.id, eq.serial, eq.model or "")
                 for eq in await repo.customer_equipment(uow.session, customer) if eq.serial]
    try:
        text = await read_text(await asyncio.to_thread(blobs.get, sha))
    except OcrError as exc:
        raise InvalidRequest(f"the photo could not be read: {exc}", reason="unreadable") from exc
    reading = read_machine(text, fleet)
    # a nameplate is no display: its serial, model and ratings are not error codes
    codes = [] if reading.match or is_nameplate(text) else error_codes(
        text, [m.serial for m in fleet] + [m.model for m in fleet])
    if codes and incident_id and into_incident:
        await _into_symptom(uows, incident_id, codes)
    return {"attachment_id": photo,
            "match": _machine(reading.match) if reading.match else None,
            "candidates": [_machine(m) for m in reading.candidates],
            "error_codes": codes, "incident_id": incident_id, "text": text.strip()[:2000]}


async def _into_symptom(uows: UnitOfWorkFactory, incident_id: str, codes: list[str]) -> None:
    """The codes a display showed join the symptom of the incident the photo belongs to."""
    async with uows() as uow:
        incident = await uow.session.get(Incident, incident_id)
        symptom = with_codes(incident.symptom, codes) if incident is not None else ""
        if incident is None or symptom == incident.symptom:
            return
        new = [c for c in codes if c.upper() not in incident.symptom.upper()]
        incident.symptom = symptom
        incident.updated_at = uow.clock()
        event(uow, incident.id, "error_codes_read", "ocr", note=", ".join(new))
        await uow.commit()
