"""The e-mail reply log (rate cap, threading), replies queued in the outbox, the context a
reply needs, and the mailbox checkpoint the poller resumes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Incident, MailCheckpoint, MailReply, OutboxItem
from backend.domain.channels import normalise_address
from backend.services.mail.threads import answered_mail, email_of, link_answer
from backend.services.platform.uow import UnitOfWorkFactory

FINAL_STATES = ("closed", "cancelled", "resolved")
LOG_WINDOW = timedelta(days=1)  # the rate cap never looks further back
REPLY_KIND = "mail_reply"
CAPPED_KIND = "mail_capped"  # the one notice that a person will answer (cap reached)


@dataclass(frozen=True)
class LogReply:
    recipient: str
    message_id: str
    conversation_id: str | None = None


async def log_reply(uows: UnitOfWorkFactory, cmd: LogReply) -> dict[str, Any]:
    async with uows() as uow:
        if cmd.conversation_id is not None:
            await repo.get_conversation(uow.session, cmd.conversation_id)  # 404 when unknown
        row = MailReply(
            recipient=normalise_address("email", cmd.recipient),
            message_id=cmd.message_id,
            conversation_id=cmd.conversation_id,
            sent_at=uow.clock(),
        )
        uow.session.add(row)
        await uow.session.flush()
        await uow.commit()
        return {"id": row.id, "sent_at": row.sent_at.isoformat()}


@dataclass(frozen=True)
class QueueReply:
    """``answers`` is the id of the stored inbound mail this reply answers: the reply is
    threaded to that mail (In-Reply-To/References), whatever arrives in between."""

    recipient: str
    text: str
    conversation_id: str
    buttons: tuple[dict[str, Any], ...] = ()
    answers: str | None = None
    capped: bool = False  # the notice sent instead of the bot's answer when the cap is reached


async def queue_reply(uows: UnitOfWorkFactory, cmd: QueueReply) -> dict[str, Any]:
    """The bot's answer to a mail, as one outbox row of channel ``email``: the gateway's
    outbox worker sends it (threaded, by SMTP) and retries it with backoff while the SMTP
    server is down. Until sent it counts towards the recipient's rate cap."""
    async with uows() as uow:
        await repo.get_conversation(uow.session, cmd.conversation_id)  # 404 when unknown
        item = await uow.outbox.add(
            kind=CAPPED_KIND if cmd.capped else REPLY_KIND,
            channel="email",
            address=normalise_address("email", cmd.recipient),
            text=cmd.text,
            buttons=list(cmd.buttons) or None,
            conversation_id=cmd.conversation_id,
        )
        if cmd.answers is not None:
            await link_answer(uow.session, cmd.conversation_id, cmd.answers, item.id)
        await uow.commit()
        return {"outbox_id": item.id}


async def reply_context(
    uows: UnitOfWorkFactory, recipient: str, conversation_id: str | None,
    outbox_id: str | None = None,
) -> dict[str, Any]:
    """Language, open incident, the thread to answer in (the mail the outbox row
    ``outbox_id`` answers, else the conversation's latest mail), and the replies SENT to
    the conversation (to the recipient without one) in the last day — queued ones do not
    count: a reply waiting for a down SMTP server has reached nobody."""
    async with uows() as uow:
        session = uow.session
        since = uow.clock() - LOG_WINDOW
        address = normalise_address("email", recipient)
        whose = (
            MailReply.conversation_id == conversation_id
            if conversation_id is not None
            else MailReply.recipient == address
        )
        sent = await session.scalars(
            select(MailReply.sent_at).where(whose, MailReply.sent_at > since)
        )
        context: dict[str, Any] = {
            "language": None,
            "incident_id": None,
            "thread": None,
            "recent_replies": [moment.isoformat() for moment in sorted(sent)],
            "capped_notice": False,
        }
        if conversation_id is None:
            return context
        conversation = await repo.get_conversation(session, conversation_id)
        context["language"] = conversation.language
        context["capped_notice"] = await session.scalar(
            select(OutboxItem.id).where(
                OutboxItem.conversation_id == conversation_id,
                OutboxItem.kind == CAPPED_KIND,
                OutboxItem.created_at > since,
            ).limit(1)
        ) is not None
        context["incident_id"] = await session.scalar(
            select(Incident.id)
            .where(Incident.conversation_id == conversation_id, Incident.state.not_in(FINAL_STATES))
            .order_by(Incident.created_at.desc())
            .limit(1)
        )
        answered = await answered_mail(session, conversation_id, outbox_id)
        if answered is not None:
            email = email_of(answered)
            context["thread"] = {
                "message_id": email.get("message_id"),
                "references": list(email.get("references") or []),
                "subject": str(email.get("subject") or ""),
            }
        return context


async def checkpoint(uows: UnitOfWorkFactory, mailbox: str) -> dict[str, Any]:
    async with uows() as uow:
        row = await uow.session.get(MailCheckpoint, mailbox)
        return {
            "mailbox": mailbox,
            "uidvalidity": row.uidvalidity if row is not None else None,
            "last_uid": row.last_uid if row is not None else None,
        }
