"""The one pipeline every channel uses: store, decide, guard, ask Rasa, store replies."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from channels.core import language, metrics
from channels.core.backend_client import BackendClient
from channels.core.errors import BackendError, InvalidInput, RasaError
from channels.core.models import BotMessage, InboundMessage, StoredInbound
from channels.core.photos import photo_payload
from channels.core.rasa_client import RasaClient
from channels.core.slash_guard import guard
from channels.core.texts import TEXTS

log = logging.getLogger(__name__)

MAX_TEXT = 4000


@dataclass(frozen=True)
class PipelineResult:
    """What happened to one inbound message and what to answer."""

    stored: StoredInbound
    replies: tuple[BotMessage, ...]
    forwarded: bool


def validate(message: InboundMessage) -> None:
    """Refuse empty or oversized input with a clear, bilingual error."""
    said = message.payload if message.payload is not None else message.text
    if not said.strip():
        raise InvalidInput("empty", TEXTS["empty"])
    if len(said) > MAX_TEXT or len(message.text) > MAX_TEXT:
        raise InvalidInput("too_long", TEXTS["too_long"])


def with_language(message: InboundMessage) -> InboundMessage:
    """Adds the detected language to the metadata unless the provider already gave one
    (the backend keeps the first one as the conversation's language)."""
    if "language" in message.metadata:
        return message
    detected = language.detect(message.text)
    if detected is None:
        return message
    return replace(message, metadata={**message.metadata, "language": detected})


class Pipeline:
    """Stores the message before anything else, then lets the bot answer.

    Raises ``InvalidInput`` for bad input and ``BackendError`` when the message
    could not be stored (nothing else happened then). Rasa being down is not an
    error: the customer gets a polite bilingual reply.

    A message sent again with the same provider id (``stored.duplicate``) is not answered,
    unless ``replay_duplicates``: then Rasa is asked again with the same message id and,
    being idempotent per id (deploy/idempotent_rest.py), answers it without handling it
    twice — the answer of a gateway that died mid-message is not lost.
    """

    def __init__(
        self, backend: BackendClient, rasa: RasaClient, *, replay_duplicates: bool = False
    ) -> None:
        self._backend = backend
        self._rasa = rasa
        self._replay = replay_duplicates

    async def handle(self, message: InboundMessage) -> PipelineResult:
        return await self.respond(message, await self.accept(message))

    async def accept(self, message: InboundMessage) -> StoredInbound:
        """Validate and store; channels that answer their provider at once (Telegram,
        Twilio) call this in the request and ``respond`` in the background."""
        validate(message)
        stored = await self._backend.store_inbound(with_language(message))
        metrics.MESSAGES.labels("in", message.channel).inc()
        return stored

    async def respond(self, message: InboundMessage, stored: StoredInbound) -> PipelineResult:
        """Ask Rasa about a stored message and store its replies.

        ``message`` may differ from the stored one by a ``payload`` the channel resolved
        from ``stored.offered_payloads`` (a pressed inline button, a numbered SMS choice).
        """
        if stored.duplicate and not self._replay:
            return PipelineResult(stored, (), forwarded=False)
        if stored.handled_by == "agent" or stored.answered:  # people answer, or the backend
            # did (a satisfaction rating); the backend's acknowledgement is sent
            notice = (BotMessage(text=stored.notice),) if stored.notice else ()
            await self.store_replies(stored.conversation_id, notice)
            return PipelineResult(stored, notice, forwarded=False)
        said = message.payload if message.payload is not None else message.text
        text = guard(said, stored.offered_payloads)
        if not text:
            return PipelineResult(stored, (), forwarded=False)
        try:
            replies = await self._ask(message, stored, text)
            answering: str | None = stored.message_id  # the bot's replies: stored once
        except RasaError:
            replies, answering = [BotMessage(text=TEXTS["rasa_down"])], None
        await self._store_sent(message, stored, replies, answering)
        return PipelineResult(stored, tuple(replies), forwarded=True)

    async def respond_photo(self, message: InboundMessage, stored: StoredInbound,
                            attachment_id: str) -> tuple[BotMessage, ...]:
        """The bot's answer to a stored photo (channels/core/photos.py), stored. None when it
        has nothing to say, is down, or people answer: the channel's own notice goes then."""
        if stored.duplicate or stored.handled_by == "agent" or stored.answered:
            return ()
        try:
            replies = await self._ask(message, stored, photo_payload(attachment_id))
        except RasaError:
            return ()
        if replies:
            await self._store_sent(message, stored, replies, stored.message_id)
        return tuple(replies)

    async def _ask(self, message: InboundMessage, stored: StoredInbound,
                   text: str) -> list[BotMessage]:
        """Rasa's replies to ``text``; raises ``RasaError`` (counted and logged)."""
        started = time.perf_counter()
        try:
            replies = await self._rasa.send(
                stored.conversation_id,
                text,
                message.channel,
                message.address,
                message_id=stored.message_id if self._replay else None,
                resent=stored.duplicate,
            )
        except RasaError as exc:
            metrics.RASA_FAILURES.labels(message.channel).inc()
            log.warning("rasa unavailable for %s: %s", stored.conversation_id, exc)
            raise
        metrics.RASA_SECONDS.labels(message.channel).observe(time.perf_counter() - started)
        return replies

    async def _store_sent(self, message: InboundMessage, stored: StoredInbound,
                          replies: Sequence[BotMessage], reply_to: str | None) -> None:
        await self.store_replies(stored.conversation_id, replies, reply_to)
        metrics.MESSAGES.labels("out", message.channel).inc(len(replies))

    async def store_replies(self, conversation_id: str, replies: Sequence[BotMessage],
                            reply_to: str | None = None) -> None:
        """All the replies to one message with one backend request (docs/performance.md).
        ``reply_to``: the stored message the bot answers; the backend keeps each of its replies
        once, so a message answered again (a customer's retry replayed by Rasa after a gateway
        died) does not put its replies in the transcript, or the outbox, twice."""
        if len(replies) == 1:
            await self.store_reply(conversation_id, replies[0], reply_to)
        elif replies:
            try:
                await self._backend.store_outbound_batch(conversation_id, replies, reply_to)
            except BackendError as exc:
                log.error("could not store %d replies for %s: %s",
                          len(replies), conversation_id, exc)

    async def store_reply(self, conversation_id: str, reply: BotMessage,
                          reply_to: str | None = None) -> None:
        try:
            await self._backend.store_outbound(conversation_id, reply, reply_to)
        except BackendError as exc:
            # The customer still gets the reply; the transcript misses it.
            log.error("could not store reply for %s: %s", conversation_id, exc)
