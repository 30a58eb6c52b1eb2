"""Which stored mail a queued reply answers, so that it is threaded to that mail.

When several mails of one conversation arrive together, the conversation's latest
mail at sending time is not the one a reply answers. ``link_answer`` records the
outbox row's id on the answered mail (``metadata.email.answered_by``) when the reply
is queued; ``answered_mail`` finds it again when the row is sent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Message

CHANNEL = "email"
SEARCHED = 200  # the conversation's latest inbound mails looked through for the link


def email_of(message: Message) -> dict[str, Any]:
    metadata = (message.payload or {}).get("metadata") or {}
    email = metadata.get("email") if isinstance(metadata, dict) else None
    return email if isinstance(email, dict) else {}


async def link_answer(
    session: AsyncSession, conversation_id: str, message_id: str, outbox_id: str
) -> None:
    message = await session.get(Message, message_id)
    if message is None or message.conversation_id != conversation_id or message.channel != CHANNEL:
        return
    payload = dict(message.payload or {})
    metadata = dict(payload.get("metadata") or {})
    email = dict(metadata.get("email") or {})
    email["answered_by"] = [*(email.get("answered_by") or []), outbox_id][-20:]
    metadata["email"] = email
    payload["metadata"] = metadata
    message.payload = payload  # a new dict: the JSON column sees the change
    await session.flush()


async def answered_mail(
    session: AsyncSession, conversation_id: str, outbox_id: str | None
) -> Message | None:
    """The mail the row ``outbox_id`` answers; else (a notice, an agent's reply, a row
    queued before links existed) the conversation's latest inbound mail."""
    latest = list(
        await session.scalars(
            select(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.direction == "in",
                Message.channel == CHANNEL,
            )
            .order_by(Message.seq.desc())
            .limit(SEARCHED)
        )
    )
    if outbox_id is not None:
        for message in latest:
            if outbox_id in (email_of(message).get("answered_by") or ()):
                return message
    return latest[0] if latest else None
