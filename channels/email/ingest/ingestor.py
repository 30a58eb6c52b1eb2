"""One fetched mail, start to end: parse or quarantine, loop guard, the shared pipeline,
then the bot's reply queued in the outbox (sent threaded by SMTP, and retried with
backoff while the SMTP server is down) within the per-recipient rate cap.

``handle`` returns an outcome word for logs and tests. It raises only
``BackendUnavailable``-like errors (the poller retries the same UID later); any
other failure on one mail quarantines that mail and the loop goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from pathlib import Path

from channels.core.attachments import IncomingFile, hand_over
from channels.core.backoff import Backoff, retrying
from channels.core.errors import BackendRejected, BackendUnavailable, InvalidInput
from channels.core.models import StoredInbound
from channels.core.pipeline import Pipeline, PipelineResult
from channels.email.ingest.client import MailBackendClient, Position
from channels.email.ingest.payload import inbound_message, quarantine_record
from channels.email.limits import Limits
from channels.email.model import Attachment, ParsedEmail, Quarantine
from channels.email.parse.extract import extract_attachment
from channels.email.parse.loop_guard import LoopPolicy, policy_for, should_reply
from channels.email.parse.message import parse_or_quarantine
from channels.email.render.texts import texts_for
from channels.email.smtp.sender import MailReplier, combine, guess_language

log = logging.getLogger(__name__)

QUEUE_TRIES = 4  # tries of queueing a reply (a backend hiccup), with jittered waits between
QUEUE_FIRST_WAIT = 0.5  # ceiling of the first wait, doubled after each failure


@dataclass(frozen=True)
class IngestSetup:
    limits: Limits
    policy: LoopPolicy
    attachments_dir: Path
    clock: Callable[[], datetime]  # the product clock (Settings.clock)


class MailIngestor:
    def __init__(
        self,
        pipeline: Pipeline,
        backend: MailBackendClient,
        replier: MailReplier | None,
        setup: IngestSetup,
    ) -> None:
        self._pipeline = pipeline
        self._backend = backend
        self._replier = replier
        self._setup = setup

    async def handle(self, raw: bytes, position: Position) -> str:
        """Process one mail; never loses it (stored or quarantined) unless the backend is down."""
        try:
            return await self._handle(raw, position)
        except BackendUnavailable:
            raise
        except Exception as exc:  # one bad mail must not stop the loop: keep it for a person
            log.exception("mail: uid %s crashed the ingestion; quarantining it", position.uid)
            return await self._quarantine(
                raw, position, "ingest_error", f"{type(exc).__name__}: {exc}"
            )

    async def _handle(self, raw: bytes, position: Position) -> str:
        parsed = parse_or_quarantine(raw, self._setup.limits)
        if isinstance(parsed, Quarantine):
            return await self._quarantine(raw, position, parsed.reason, parsed.detail)
        now = self._setup.clock()
        allowed, reason = should_reply(parsed, now, (), self._setup.policy)
        message = inbound_message(
            parsed, raw, position, self._setup.attachments_dir, None if allowed else reason
        )
        if not allowed:  # stored for people to see; the bot does not answer robots
            stored = await self._backend.store_inbound(message)
            await self._files(parsed, raw, stored)
            return "duplicate" if stored.duplicate else f"stored_no_reply:{reason}"
        try:
            stored = await self._pipeline.accept(message)
            await self._files(parsed, raw, stored)
            result = await self._pipeline.respond(message, stored)
        except InvalidInput as exc:
            return await self._quarantine(raw, position, exc.code, exc.message)
        except BackendRejected as exc:
            return await self._quarantine(raw, position, "rejected", str(exc))
        if result.stored.duplicate:
            return "duplicate"
        if not result.replies:
            return "stored"
        return await self._reply(parsed, result, now)

    async def _files(self, parsed: ParsedEmail, raw: bytes, stored: StoredInbound) -> None:
        """The mail's attachments go to the backend's attachment store (not inline parts)."""
        if stored.duplicate:
            return
        files = [IncomingFile("document", _bytes_of(item, raw), item.filename)
                 for item in parsed.attachments if not item.inline]
        if files:
            await hand_over(self._backend, stored.message_id, files)

    async def _reply(self, parsed: ParsedEmail, result: PipelineResult, now: datetime) -> str:
        if self._replier is None:
            log.info("mail: no SMTP configured; the reply stays in the transcript")
            return "stored_no_smtp"
        conversation_id = result.stored.conversation_id
        context = await self._replier.context(parsed.sender.address, conversation_id)
        policy = self._policy_for(parsed, result.stored.verified)
        allowed, reason = should_reply(parsed, now, context.recent_replies, policy)
        text, buttons = combine(result.replies)
        capped = reason == "rate_limited" and not context.capped_notice
        if capped:
            # never cut a person off without a word: one notice, then a person answers
            text, buttons = texts_for(context.language or guess_language(text))["capped"], ()
        elif not allowed:
            log.warning("mail: not answering %s: %s", parsed.sender.address, reason)
            return f"stored_no_reply:{reason}"
        try:
            await retrying(
                lambda: self._backend.queue_reply(
                    parsed.sender.address, conversation_id, text, buttons,
                    result.stored.message_id, capped,
                ),
                tries=QUEUE_TRIES,
                backoff=Backoff(QUEUE_FIRST_WAIT, QUEUE_FIRST_WAIT * 2 ** QUEUE_TRIES),
                retry_on=BackendUnavailable,
                what=f"queueing the reply to {parsed.sender.address}",
            )
        except BackendUnavailable as exc:  # the mail is stored; the reply is in the transcript
            log.error("mail: reply to %s not queued: %s", parsed.sender.address, exc)
            return "reply_failed"
        return "reply_queued"

    def _policy_for(self, parsed: ParsedEmail, verified: bool) -> LoopPolicy:
        """A real back-and-forth (the mail answers one of our replies) and a verified
        customer's registered address get a higher cap (``policy_for``)."""
        ours = self._replier.domain if self._replier is not None else ""
        answering = parsed.thread.in_reply_to or ""
        threaded = bool(ours) and answering.endswith(f"@{ours}>")
        return policy_for(self._setup.policy, threaded=threaded, verified=verified)

    async def _quarantine(self, raw: bytes, position: Position, reason: str, detail: str) -> str:
        record = quarantine_record(
            raw, sha256(raw).hexdigest(), reason, detail, self._setup.attachments_dir
        )
        await self._backend.quarantine(position, record)
        return f"quarantined:{reason}"


def _bytes_of(item: Attachment, raw: bytes) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        return item.data if item.data is not None else extract_attachment(raw, item.part_index)

    return fetch
