"""Whether a conversation is in session: what the actions role may act on.

The action server acts for whoever is talking to the bot right now. A conversation is in
session when it exists and its sender wrote to it within the session window (the gateway
stores every inbound message through the backend before Rasa sees it). Anything else — an
id that was never issued, or an old conversation nobody is talking on — is refused with
the same "not found", so the actions token cannot be used to read or change the state of
another customer's conversation, and unused ids cannot be told from used ones.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from backend.adapters.orm import Conversation, Message
from backend.domain.errors import NotFound
from backend.services.platform.uow import UnitOfWorkFactory


async def ensure_in_session(uows: UnitOfWorkFactory, cid: str, window: timedelta) -> None:
    """Raise :class:`NotFound` unless `cid` received an inbound message within `window`."""
    async with uows() as uow:
        last_inbound = await uow.session.scalar(
            select(func.max(Message.created_at))
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.conversation_id == cid, Message.direction == "in"))
        if last_inbound is None or uow.clock() - last_inbound > window:
            raise NotFound(f"conversation {cid} not found or not in session", id=cid)
