"""Rasa's REST channel made idempotent per message id, for several Rasa replicas
(deploy/credentials.scaled.yml, used by tools/stack_scaled.py; runs inside Rasa 3.6).

The gateway sends ``metadata.message_id`` (the backend's id of the stored inbound message)
with every message. When a replica dies mid-request, nginx resends the request to the other
one, and when a gateway dies the customer's retry reaches the other gateway, which asks Rasa
again with the same id. If the conversation's tracker (SQL store, shared) already holds a
user turn with that id, the bot turns that followed it are answered again and nothing is
processed a second time; otherwise the message is handled as usual.

Cost: one indexed query on the events table per message (≈ 0.7 ms CPU, against ≈ 4 ms for
reading the tracker); the tracker is read only when that query finds the id, or when the
gateway says the message was sent again (``metadata.resent``: the customer's retry may
arrive while the first request is still being processed by a replica). Then the check
takes the conversation's lock (Redis lock store, shared) first, so that request finishes
before it. Same URL and body as the stock channel: ``POST /webhooks/rest/webhook``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic

logger = logging.getLogger(__name__)
APP_NAMES = ("rasa_server", "rasa_core_no_api")
MESSAGE_ID = re.compile(r"[A-Za-z0-9:._-]{1,64}")


def answered(events: list[Any], message_id: str) -> list[dict[str, Any]] | None:
    """The bot turns after the user turn with ``message_id`` (None: no such turn)."""
    replies: list[dict[str, Any]] | None = None
    for event in events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if (event.metadata or {}).get("message_id") == message_id:
                replies = []
        elif isinstance(event, BotUttered) and replies is not None:
            replies.append({"text": event.text, **(event.data or {})})
    return replies


def _agent() -> Any:
    for name in APP_NAMES:
        with contextlib.suppress(Exception):  # no app of that name, or no agent yet: the next
            return Sanic.get_app(name).ctx.agent
    return None


def _sql_store(store: Any) -> Any:
    """The SQLTrackerStore inside Rasa's wrappers (fail-safe, awaitable), or None."""
    while store is not None and not hasattr(store, "session_scope"):
        store = getattr(store, "_tracker_store", None)
    return store


def _stored(agent: Any, sender_id: str, message_id: str) -> bool:
    """Whether a user turn with this id is stored (True too when that cannot be asked)."""
    store = _sql_store(agent.tracker_store)
    if store is None:
        return True
    event = store.SQLEvent
    with store.session_scope() as session:
        found = (session.query(event.id)
                 .filter(event.sender_id == sender_id, event.type_name == "user",
                         event.data.like(f'%"message_id": "{message_id}"%'))
                 .first())
    return found is not None


class IdempotentRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        async def once(message: UserMessage) -> None:
            metadata = message.metadata or {}
            given = metadata.get("message_id")
            message_id = given if isinstance(given, str) else ""
            valid = MESSAGE_ID.fullmatch(message_id) is not None  # never the empty string
            agent = _agent() if valid else None
            if agent is not None and agent.tracker_store is not None and (
                    metadata.get("resent") is True
                    or _stored(agent, message.sender_id, message_id)):
                async with agent.lock_store.lock(message.sender_id):
                    tracker = await agent.tracker_store.retrieve(message.sender_id)
                replies = answered(list(tracker.events), message_id) if tracker else None
                if replies is not None:
                    logger.info("message %s of %s already handled: %d replies again",
                                message_id, message.sender_id, len(replies))
                    for reply in replies:
                        await message.output_channel.send_response(message.sender_id, reply)
                    return
            await on_new_message(message)

        return super().blueprint(once)
