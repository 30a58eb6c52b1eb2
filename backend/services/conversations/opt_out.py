"""Opt-out (SMS STOP/BAJA, START/ALTA): the sender's conversation remembers it and the
outbox honours it — rows for an opted-out (channel, address) are dropped, never sent."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, OutboxItem
from backend.domain.channels import normalise_address
from backend.domain.outbox import OutboxStatus
from backend.services.platform.commands import SetOptOut
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

OPTED_OUT = "opted_out"


async def set_opt_out(uows: UnitOfWorkFactory, cmd: SetOptOut) -> dict[str, Any]:
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        if cmd.opted_out and conversation.opted_out_at is None:
            conversation.opted_out_at = uow.clock()
        elif not cmd.opted_out:
            conversation.opted_out_at = None
        await uow.commit()
        return {"conversation_id": conversation.id, "opted_out": cmd.opted_out}


async def screen(uow: UnitOfWork, items: Sequence[OutboxItem]) -> list[dict[str, Any]]:
    """Mark rows to opted-out recipients dropped; return what the sender needs of the rest:
    ``{"item": row, "language": the conversation's language or None}``."""
    conversations = await _conversations_of(uow, items)
    kept: list[dict[str, Any]] = []
    for item in items:
        key = (item.channel, normalise_address(item.channel, item.address))
        recipient = conversations.get(key)
        if recipient is not None and recipient.opted_out_at is not None:
            item.status = OutboxStatus.DROPPED.value
            item.last_error = OPTED_OUT
            item.claimed_until = None
            continue
        own = conversations.get(item.conversation_id or "") or recipient
        kept.append({"item": item, "language": own.language if own else None})
    return kept


async def _conversations_of(
    uow: UnitOfWork, items: Sequence[OutboxItem]
) -> dict[Any, Conversation]:
    """The items' own conversations by id, and their recipients' by (channel, address)."""
    addresses = {normalise_address(i.channel, i.address) for i in items}
    ids = {i.conversation_id for i in items if i.conversation_id}
    if not items:
        return {}
    result = await uow.session.execute(
        select(Conversation).where(
            Conversation.address.in_(addresses) | Conversation.id.in_(ids)
        )
    )
    found: dict[Any, Conversation] = {}
    for conversation in result.scalars():
        found[conversation.id] = conversation
        found[(conversation.channel, conversation.address)] = conversation
    return found
