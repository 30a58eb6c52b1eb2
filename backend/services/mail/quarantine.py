"""QuarantineMail: a mail the bot cannot read is kept whole for a person, never dropped,
and its mailbox checkpoint advances in the same transaction. Agents list and read it.
A known customer whose mail was encrypted or unreadable is told once (``notices``)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import QuarantinedMail
from backend.domain.errors import NotFound
from backend.services.mail.ingest import MailPosition, advance_checkpoint
from backend.services.mail.notices import tell_sender
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import columns


@dataclass(frozen=True)
class QuarantineMail:
    position: MailPosition
    fingerprint: str
    reason: str
    detail: str
    size: int
    sender: str | None = None
    subject: str | None = None
    raw: bytes | None = None
    raw_path: str | None = None


async def quarantine_mail(uows: UnitOfWorkFactory, cmd: QuarantineMail) -> dict[str, Any]:
    async def work(uow: UnitOfWork) -> dict[str, Any]:
        await advance_checkpoint(uow, cmd.position)
        return await _quarantine(uow, cmd)

    return await uows.retried(work)


async def _quarantine(uow: UnitOfWork, cmd: QuarantineMail) -> dict[str, Any]:
    existing = await uow.session.scalar(
        select(QuarantinedMail).where(QuarantinedMail.fingerprint == cmd.fingerprint)
    )
    if existing is not None:
        return {"quarantine_id": existing.id, "duplicate": True}
    row = QuarantinedMail(
        id=f"QM-{cmd.fingerprint[:16].upper()}",
        fingerprint=cmd.fingerprint,
        mailbox=cmd.position.mailbox,
        uidvalidity=cmd.position.uidvalidity,
        uid=cmd.position.uid,
        reason=cmd.reason[:40],
        detail=cmd.detail,
        sender=(cmd.sender or None) and cmd.sender[:200],
        subject=(cmd.subject or None) and cmd.subject[:300],
        size=cmd.size,
        raw=cmd.raw,
        raw_path=cmd.raw_path,
        received_at=uow.clock(),
    )
    uow.session.add(row)
    await uow.session.flush()
    told = await tell_sender(uow, row.reason, cmd.sender)
    return {"quarantine_id": row.id, "duplicate": False, "sender_told": told}


def quarantine_view(row: QuarantinedMail) -> dict[str, Any]:
    return {**columns(row, "id", "reason", "detail", "sender", "subject", "size", "mailbox",
                      "uidvalidity", "uid", "fingerprint"),
            "raw_stored": row.raw is not None, **columns(row, "raw_path", "received_at")}


async def list_quarantine(
    uows: UnitOfWorkFactory, limit: int, reason: str | None = None
) -> dict[str, Any]:
    async with uows() as uow:
        query = select(QuarantinedMail).order_by(
            QuarantinedMail.received_at.desc(), QuarantinedMail.id
        )
        if reason:
            query = query.where(QuarantinedMail.reason == reason)
        rows = (await uow.session.execute(query.limit(limit))).scalars()
        return {"items": [quarantine_view(row) for row in rows]}


async def quarantined(uows: UnitOfWorkFactory, quarantine_id: str) -> dict[str, Any]:
    """One quarantined mail with its raw bytes (base64) when they are in the database."""
    async with uows() as uow:
        row = await uow.session.get(QuarantinedMail, quarantine_id)
        if row is None:
            raise NotFound(f"quarantined mail {quarantine_id} not found", id=quarantine_id)
        view = quarantine_view(row)
        view["raw_base64"] = base64.b64encode(row.raw).decode() if row.raw is not None else None
        return view
