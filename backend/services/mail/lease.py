"""One IMAP poller per mailbox among gateway replicas: a lease row per mailbox.

The gateway has no database of its own, so the backend grants the lease: a replica asks
``POST /api/mail/lease`` every few seconds with its holder id; it gets (or keeps) the
lease when nobody holds it, the lease expired, or it is the holder already. Both checks
and the write are one conditional UPDATE (or the first INSERT), so two replicas asking at
once never both win, on SQLite as on PostgreSQL. The holder stops polling when it cannot
renew before its lease runs out, and releases the lease when it shuts down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

from backend.adapters.orm import MailLease
from backend.services.platform.uow import UnitOfWorkFactory


@dataclass(frozen=True)
class AcquireLease:
    mailbox: str
    holder: str
    ttl: float  # seconds


@dataclass(frozen=True)
class ReleaseLease:
    mailbox: str
    holder: str


async def acquire(uows: UnitOfWorkFactory, cmd: AcquireLease) -> dict[str, Any]:
    """Take or renew the lease; ``granted`` says whether ``cmd.holder`` holds it now."""
    async with uows() as uow:
        now = uow.clock()
        expires = now + timedelta(seconds=cmd.ttl)
        result = await uow.session.execute(
            update(MailLease)
            .where(
                MailLease.mailbox == cmd.mailbox,
                or_(MailLease.holder == cmd.holder, MailLease.expires_at <= now),
            )
            .values(holder=cmd.holder, expires_at=expires)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) == 0:
            uow.session.add(MailLease(mailbox=cmd.mailbox, holder=cmd.holder, expires_at=expires))
            try:
                await uow.session.flush()
            except IntegrityError:  # the row exists: someone else holds a live lease
                await uow.session.rollback()
                return await _current(uows, cmd.mailbox, cmd.holder)
        await uow.commit()
        return {"mailbox": cmd.mailbox, "granted": True, "holder": cmd.holder,
                "expires_at": expires.isoformat()}


async def release(uows: UnitOfWorkFactory, cmd: ReleaseLease) -> dict[str, Any]:
    """End the holder's lease now, so another replica takes over without waiting."""
    async with uows() as uow:
        await uow.session.execute(
            update(MailLease)
            .where(MailLease.mailbox == cmd.mailbox, MailLease.holder == cmd.holder)
            .values(expires_at=uow.clock())
            .execution_options(synchronize_session=False)
        )
        await uow.commit()
    return await _current(uows, cmd.mailbox, cmd.holder)


async def _current(uows: UnitOfWorkFactory, mailbox: str, holder: str) -> dict[str, Any]:
    async with uows() as uow:
        row = await uow.session.get(MailLease, mailbox)
        live = row is not None and row.expires_at > uow.clock()
        return {
            "mailbox": mailbox,
            "granted": bool(live and row is not None and row.holder == holder),
            "holder": row.holder if live and row is not None else None,
            "expires_at": row.expires_at.isoformat() if live and row is not None else None,
        }
