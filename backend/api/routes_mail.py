"""Routes of the e-mail channel: ingestion with checkpoint, replies queued in the outbox,
reply log and context, the poller's lease (gateway); quarantined mail (agents)."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from backend.adapters import metrics
from backend.api.keys import CLOCK
from backend.api.routing import Call, Route
from backend.api.validation import Schema
from backend.domain.errors import InvalidRequest
from backend.services.mail import ingest as mail_ingest
from backend.services.mail import lease as mail_lease
from backend.services.mail import quarantine as mail_quarantine
from backend.services.mail import replies as mail_replies
from backend.services.mail.ingest import IngestMail, MailPosition
from backend.services.mail.quarantine import QuarantineMail

GATEWAY = frozenset({"gateway"})
AGENTS = frozenset({"agents"})

NAME: Schema = {"type": "string", "minLength": 1, "maxLength": 200}
UINT: Schema = {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}
MESSAGE: Schema = {
    "type": "object",
    "required": ["address", "text", "provider_message_id"],
    "properties": {
        "address": NAME,
        "text": {"type": "string", "maxLength": 10_000},
        "provider_message_id": NAME,
        "thread_ids": {"type": ["array", "null"], "items": {"type": "string", "maxLength": 250}},
        "metadata": {"type": ["object", "null"]},
    },
}
QUARANTINE: Schema = {
    "type": "object",
    "required": ["fingerprint", "reason", "detail", "size"],
    "properties": {
        "fingerprint": {"type": "string", "minLength": 64, "maxLength": 64},
        "reason": {"type": "string", "minLength": 1, "maxLength": 40},
        "detail": {"type": "string", "maxLength": 2000},
        "size": UINT,
        "sender": {"type": ["string", "null"], "maxLength": 500},
        "subject": {"type": ["string", "null"], "maxLength": 2000},
        "raw_base64": {"type": ["string", "null"]},
        "raw_path": {"type": ["string", "null"], "maxLength": 500},
    },
}
INGEST: Schema = {
    "type": "object",
    "required": ["mailbox", "uidvalidity", "uid"],
    "properties": {
        "mailbox": NAME,
        "uidvalidity": UINT,
        "uid": UINT,
        "message": MESSAGE,
        "quarantine": QUARANTINE,
    },
}
REPLY: Schema = {
    "type": "object",
    "required": ["recipient", "message_id"],
    "properties": {
        "recipient": NAME,
        "message_id": {"type": "string", "minLength": 3, "maxLength": 250},
        "conversation_id": {"type": ["string", "null"], "maxLength": 20},
    },
}

QUEUED_REPLY: Schema = {
    "type": "object",
    "required": ["recipient", "text", "conversation_id"],
    "properties": {
        "recipient": NAME,
        "text": {"type": "string", "maxLength": 20_000},
        "conversation_id": {"type": "string", "minLength": 1, "maxLength": 20},
        "answers": {"type": ["string", "null"], "maxLength": 24},  # the answered mail's id
        "capped": {"type": "boolean"},  # the notice that a person will answer (cap reached)
        "buttons": {
            "type": ["array", "null"],
            "maxItems": 20,
            "items": {
                "type": "object",
                "required": ["title"],
                "properties": {"title": {"type": "string"}, "payload": {"type": "string"}},
            },
        },
    },
}
LEASE: Schema = {
    "type": "object",
    "required": ["mailbox", "holder"],
    "properties": {
        "mailbox": NAME,
        "holder": NAME,
        "ttl": {"type": "integer", "minimum": 1, "maximum": 3600},
    },
}
RELEASE: Schema = {
    "type": "object",
    "required": ["mailbox", "holder"],
    "properties": {"mailbox": NAME, "holder": NAME},
}


def _observe_lag(call: Call, metadata: Any) -> None:
    """Ingestion lag: the mail's Date header to now (skipped when the header is unusable)."""
    email = metadata.get("email") if isinstance(metadata, dict) else None
    raw = email.get("date") if isinstance(email, dict) else None
    try:
        sent = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return
    if sent is not None and sent.tzinfo is not None:
        metrics.MAIL_LAG.observe(max(0.0, (call.request.app[CLOCK]() - sent).total_seconds()))


async def ingest(call: Call) -> Any:
    b = call.body
    position = MailPosition(b["mailbox"], b["uidvalidity"], b["uid"])
    if (b.get("message") is None) == (b.get("quarantine") is None):
        raise InvalidRequest("send exactly one of message or quarantine", field="body")
    if b.get("message") is not None:
        m = b["message"]
        cmd = IngestMail(
            position=position,
            address=m["address"],
            text=m["text"],
            provider_message_id=m["provider_message_id"],
            thread_ids=tuple(m.get("thread_ids") or ()),
            metadata=m.get("metadata"),
        )
        stored = await mail_ingest.ingest_mail(call.uows, cmd)
        _observe_lag(call, m.get("metadata"))
        return stored
    q = b["quarantine"]
    return await mail_quarantine.quarantine_mail(
        call.uows,
        QuarantineMail(
            position=position,
            fingerprint=q["fingerprint"],
            reason=q["reason"],
            detail=q["detail"],
            size=q["size"],
            sender=q.get("sender"),
            subject=q.get("subject"),
            raw=_raw(q.get("raw_base64")),
            raw_path=q.get("raw_path"),
        ),
    )


def _raw(value: str | None) -> bytes | None:
    if value is None:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidRequest("quarantine.raw_base64 is not base64", field="raw_base64") from exc


async def checkpoint(call: Call) -> Any:
    return await mail_replies.checkpoint(call.uows, call.query["mailbox"])


async def log_reply(call: Call) -> Any:
    b = call.body
    cmd = mail_replies.LogReply(b["recipient"], b["message_id"], b.get("conversation_id"))
    return await mail_replies.log_reply(call.uows, cmd)


async def queue_reply(call: Call) -> Any:
    b = call.body
    cmd = mail_replies.QueueReply(
        recipient=b["recipient"],
        text=b["text"],
        conversation_id=b["conversation_id"],
        buttons=tuple(b.get("buttons") or ()),
        answers=b.get("answers"),
        capped=bool(b.get("capped")),
    )
    return await mail_replies.queue_reply(call.uows, cmd)


async def acquire_lease(call: Call) -> Any:
    b = call.body
    cmd = mail_lease.AcquireLease(b["mailbox"], b["holder"], float(b.get("ttl") or 30))
    return await mail_lease.acquire(call.uows, cmd)


async def release_lease(call: Call) -> Any:
    b = call.body
    return await mail_lease.release(call.uows, mail_lease.ReleaseLease(b["mailbox"], b["holder"]))


async def reply_context(call: Call) -> Any:
    q = call.query
    return await mail_replies.reply_context(
        call.uows, q["recipient"], q["conversation_id"], q.get("outbox_id")
    )


async def quarantine_list(call: Call) -> Any:
    return await mail_quarantine.list_quarantine(
        call.uows, call.query["limit"], call.query["reason"]
    )


async def quarantine_item(call: Call) -> Any:
    return await mail_quarantine.quarantined(call.uows, call.param("id"))


ROUTES = [
    Route("POST", "/api/mail/ingest", ingest, GATEWAY,
          "Store one mail (or quarantine it) and advance the mailbox checkpoint atomically",
          "mail", body=INGEST, errors=(404,)),
    Route("GET", "/api/mail/checkpoint", checkpoint, GATEWAY,
          "The mailbox's UIDVALIDITY and last stored UID", "mail",
          query={"mailbox": NAME}, required_query=frozenset({"mailbox"})),
    Route("POST", "/api/mail/replies", log_reply, GATEWAY, "Log one e-mail sent by the desk",
          "mail", status=201, body=REPLY, errors=(404,)),
    Route("POST", "/api/mail/outbox", queue_reply, GATEWAY,
          "Queue the bot's reply to a mail in the outbox (sent and retried by the gateway)",
          "mail", status=201, body=QUEUED_REPLY, errors=(404,)),
    Route("POST", "/api/mail/lease", acquire_lease, GATEWAY,
          "Take or renew the lease that lets one gateway replica poll the mailbox", "mail",
          body=LEASE),
    Route("POST", "/api/mail/lease/release", release_lease, GATEWAY,
          "Give the mailbox's lease up (shutdown): another replica takes over at once", "mail",
          body=RELEASE),
    Route("GET", "/api/mail/context", reply_context, GATEWAY,
          "What a reply needs: language, open incident, thread, recent replies", "mail",
          query={"recipient": NAME, "conversation_id": {"type": "string", "maxLength": 20},
                 "outbox_id": {"type": "string", "maxLength": 24}},
          required_query=frozenset({"recipient"}), errors=(404,)),
    Route("GET", "/api/mail/quarantine", quarantine_list, AGENTS,
          "Quarantined mail, newest first", "mail",
          query={"limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
                 "reason": {"type": "string", "maxLength": 40}}),
    Route("GET", "/api/mail/quarantine/{id}", quarantine_item, AGENTS,
          "One quarantined mail with its raw bytes (base64)", "mail", errors=(404,)),
]
