"""The backend's mail endpoints (docs/contract.md, "E-mail"), as a ``BackendClient``.

``store_inbound`` is overridden: the pipeline stores an e-mail through
``POST /api/mail/ingest``, which also advances the mailbox checkpoint in the same
transaction. The position travels in ``message.metadata["imap"]`` and is not stored.
Requests, errors (the gateway's ``BackendError`` family) and answer checks are the
shared client's (``_call``, ``parsed``, ``stored_inbound``).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from channels.core.backend_answers import parsed, stored_inbound
from channels.core.backend_client import BackendClient
from channels.core.errors import BackendProtocolError, InvalidInput
from channels.core.jsonfields import opt_str, req_bool, req_str, str_list
from channels.core.models import Button, InboundMessage, StoredInbound

POSITION_KEY = "imap"


@dataclass(frozen=True)
class Position:
    """Where a mail sits: mailbox, its UIDVALIDITY and the mail's UID."""

    mailbox: str
    uidvalidity: int
    uid: int

    def to_json(self) -> dict[str, Any]:
        return {"mailbox": self.mailbox, "uidvalidity": self.uidvalidity, "uid": self.uid}


@dataclass(frozen=True)
class Checkpoint:
    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class QuarantineRecord:
    fingerprint: str
    reason: str
    detail: str
    size: int
    sender: str | None = None
    subject: str | None = None
    raw: bytes | None = None  # kept in the database
    raw_path: str | None = None  # or on disk, when too big for a request


@dataclass(frozen=True)
class ReplyContext:
    language: str | None
    incident_id: str | None
    thread: dict[str, Any] | None
    recent_replies: tuple[datetime, ...]
    capped_notice: bool = False  # the conversation was told a person will answer (cap)


@dataclass(frozen=True)
class Lease:
    granted: bool
    holder: str | None  # who holds it now (None: nobody)


class MailBackendClient(BackendClient):
    async def store_inbound(self, message: InboundMessage) -> StoredInbound:
        metadata = dict(message.metadata)
        position = metadata.pop(POSITION_KEY, None)
        if not isinstance(position, dict) or message.provider_message_id is None:
            raise InvalidInput("no_position", "an e-mail needs its IMAP position and Message-ID")
        email = metadata.get("email") or {}
        thread_ids = [email.get("in_reply_to"), *reversed(email.get("references") or [])]
        body = {
            **position,
            "message": {
                "address": message.address,
                "text": message.text,
                "provider_message_id": message.provider_message_id,
                "thread_ids": [t for t in thread_ids if isinstance(t, str)][:50],
                "metadata": metadata,
            },
        }
        obj = await self._call("POST", "/api/mail/ingest", body)
        return stored_inbound(obj, "mail ingest answer")

    async def quarantine(self, position: Position, record: QuarantineRecord) -> str:
        raw = base64.b64encode(record.raw).decode() if record.raw is not None else None
        quarantine = {
            "fingerprint": record.fingerprint,
            "reason": record.reason,
            "detail": record.detail[:2000],
            "size": record.size,
            "sender": record.sender,
            "subject": record.subject,
            "raw_base64": raw,
            "raw_path": record.raw_path,
        }
        obj = await self._call(
            "POST", "/api/mail/ingest", {**position.to_json(), "quarantine": quarantine}
        )
        return parsed("quarantine answer", lambda: req_str(obj, "quarantine_id"))

    async def checkpoint(self, mailbox: str) -> Checkpoint | None:
        obj = await self._call(
            "GET", "/api/mail/checkpoint", params={"mailbox": mailbox}, retry=True
        )
        validity, last = obj.get("uidvalidity"), obj.get("last_uid")
        if validity is None or last is None:
            return None
        if not isinstance(validity, int) or not isinstance(last, int):
            raise BackendProtocolError(
                "checkpoint answer: uidvalidity and last_uid must be integers"
            )
        return Checkpoint(validity, last)

    async def reply_context(
        self, recipient: str, conversation_id: str | None, outbox_id: str | None = None
    ) -> ReplyContext:
        """``outbox_id``: the row being sent, whose reply is threaded to the mail it answers."""
        params = {"recipient": recipient}
        if conversation_id:
            params["conversation_id"] = conversation_id
        if outbox_id:
            params["outbox_id"] = outbox_id
        obj = await self._call("GET", "/api/mail/context", params=params, retry=True)
        thread = obj.get("thread")
        return parsed("reply context answer", lambda: ReplyContext(
            language=opt_str(obj, "language"),
            incident_id=opt_str(obj, "incident_id"),
            thread=thread if isinstance(thread, dict) else None,
            recent_replies=tuple(
                datetime.fromisoformat(moment) for moment in str_list(obj, "recent_replies")
            ),
            capped_notice=obj.get("capped_notice") is True,
        ))

    async def log_reply(self, recipient: str, message_id: str, conversation_id: str | None) -> None:
        body = {
            "recipient": recipient,
            "message_id": message_id,
            "conversation_id": conversation_id,
        }
        await self._call("POST", "/api/mail/replies", body)

    async def queue_reply(
        self, recipient: str, conversation_id: str, text: str, buttons: tuple[Button, ...],
        answers: str | None = None, capped: bool = False,
    ) -> str:
        """Queue the bot's answer to a mail (``answers``: the stored mail's id, which the
        reply is threaded to) in the outbox; return the outbox row's id."""
        body: dict[str, Any] = {
            "recipient": recipient,
            "conversation_id": conversation_id,
            "text": text,
            "buttons": [b.to_json() for b in buttons],
            "answers": answers,
            "capped": capped,
        }
        obj = await self._call("POST", "/api/mail/outbox", body)
        return parsed("queued reply answer", lambda: req_str(obj, "outbox_id"))

    async def acquire_lease(self, mailbox: str, holder: str, ttl: int) -> Lease:
        """Take or renew the poller's lease on ``mailbox`` for ``ttl`` seconds."""
        body = {"mailbox": mailbox, "holder": holder, "ttl": ttl}
        obj = await self._call("POST", "/api/mail/lease", body)
        return parsed(
            "lease answer", lambda: Lease(req_bool(obj, "granted"), opt_str(obj, "holder"))
        )

    async def release_lease(self, mailbox: str, holder: str) -> None:
        await self._call("POST", "/api/mail/lease/release", {"mailbox": mailbox, "holder": holder})
