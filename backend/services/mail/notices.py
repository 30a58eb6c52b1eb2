"""Telling a customer, once and politely, that the desk could not read their mail.

An encrypted (PGP, S/MIME) or unreadable mail is quarantined for a person; if its
sender is a known contact they get one short notice, in Spanish and English (the
language of a mail nobody could read is unknown), and no more than one per
``QUIET`` — a sender whose every mail is encrypted is not answered each time.
Strangers get nothing: a notice to a forged address would be backscatter.
"""

from __future__ import annotations

from datetime import timedelta
from email.utils import parseaddr

from sqlalchemy import func, select

from backend.adapters.orm import Contact, OutboxItem
from backend.services.platform.uow import UnitOfWork

NOTICE_KIND = "mail_unreadable"
QUIET = timedelta(days=7)
TOLD_ABOUT = frozenset({"encrypted", "broken_mime", "malformed"})
TEXT = (
    "Hemos recibido su correo, pero no hemos podido leerlo (está cifrado o dañado). "
    "Por favor, escríbanos de nuevo sin cifrar, en el cuerpo del mensaje; una persona "
    "del equipo lo revisará.\n\n"
    "We received your e-mail but could not read it (it is encrypted or damaged). "
    "Please write to us again, unencrypted, in the body of the message; a member of "
    "the team will look at it."
)


def sender_address(sender: str | None) -> str | None:
    address = parseaddr(sender or "")[1].strip().lower()
    return address if "@" in address and len(address) <= 200 else None


async def tell_sender(uow: UnitOfWork, reason: str, sender: str | None) -> bool:
    """Queue the notice when ``reason`` warrants it, the sender is a known contact and
    was not told within ``QUIET``; return whether it was queued."""
    address = sender_address(sender)
    if reason not in TOLD_ABOUT or address is None:
        return False
    session = uow.session
    known = await session.scalar(
        select(Contact.id).where(func.lower(Contact.email) == address).limit(1)
    )
    if known is None:
        return False
    told = await session.scalar(
        select(OutboxItem.id)
        .where(
            OutboxItem.kind == NOTICE_KIND,
            OutboxItem.address == address,
            OutboxItem.created_at > uow.clock() - QUIET,
        )
        .limit(1)
    )
    if told is not None:
        return False
    await uow.outbox.add(kind=NOTICE_KIND, channel="email", address=address, text=TEXT)
    return True
