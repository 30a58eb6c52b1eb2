"""A customer's transcript across channels: every message of their verified conversations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Conversation, Customer, Message
from backend.domain.errors import NotFound
from backend.services.platform.uow import UnitOfWorkFactory
from backend.services.platform.views import message_view


async def customer_messages(uows: UnitOfWorkFactory, code: str, limit: int) -> dict[str, Any]:
    """The newest ``limit`` messages, oldest first, with the conversations they belong to."""
    async with uows() as uow:
        if await uow.session.get(Customer, code) is None:
            raise NotFound(f"customer {code} not found", id=code)
        conversations = list(
            (
                await uow.session.execute(
                    select(Conversation)
                    .where(Conversation.customer_code == code, Conversation.verified)
                    .order_by(Conversation.id)
                )
            ).scalars()
        )
        ids = [c.id for c in conversations]
        newest = await uow.session.execute(
            select(Message)
            .where(Message.conversation_id.in_(ids))
            .order_by(Message.seq.desc())
            .limit(limit)
        )
        messages = sorted(newest.scalars(), key=lambda m: m.seq)
        return {
            "customer_code": code,
            "conversations": [
                {"id": c.id, "channel": c.channel, "address": c.address,
                 "language": c.language}
                for c in conversations
            ],
            "messages": [message_view(m) for m in messages],
        }
