"""IngestMail and QuarantineMail: a mail is stored and its mailbox checkpoint advanced
in ONE transaction, so a gateway killed at any moment resumes exactly once.

The checkpoint is (UIDVALIDITY, last UID) per mailbox. A new UIDVALIDITY restarts it
at the mail being stored; the mail itself is deduplicated by Message-ID (messages'
unique provider id) AND content (``metadata.email.content_digest``: an exact redelivery,
even with one more Received header, is a duplicate; a different mail reusing a
Message-ID — a scanner's ``<1@…>`` — is a new mail, stored under the Message-ID
suffixed with its digest), or, for quarantined mail, by the SHA-256 of the raw bytes.
An inbound reply joins the conversation its In-Reply-To/References point at, if
any; otherwise the sender address's conversation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, MailCheckpoint, MailReply, Message
from backend.domain.channels import normalise_address
from backend.services.conversations.lookup import open_conversation
from backend.services.conversations.messages import inbound_answer, on_inbound
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

CHANNEL = "email"


@dataclass(frozen=True)
class MailPosition:
    mailbox: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True)
class IngestMail:
    position: MailPosition
    address: str
    text: str
    provider_message_id: str
    thread_ids: tuple[str, ...] = ()
    metadata: dict[str, Any] | None = None


async def ingest_mail(uows: UnitOfWorkFactory, cmd: IngestMail) -> dict[str, Any]:
    async def work(uow: UnitOfWork) -> dict[str, Any]:
        await advance_checkpoint(uow, cmd.position)
        return await _store(uow, cmd)

    return await uows.retried(work)  # a concurrent twin won an insert: read its result


async def advance_checkpoint(uow: UnitOfWork, position: MailPosition) -> None:
    row = await uow.session.get(MailCheckpoint, position.mailbox, with_for_update=True)
    if row is None:
        uow.session.add(
            MailCheckpoint(
                mailbox=position.mailbox,
                uidvalidity=position.uidvalidity,
                last_uid=position.uid,
                updated_at=uow.clock(),
            )
        )
    elif row.uidvalidity != position.uidvalidity:  # the mailbox was rebuilt: start over
        row.uidvalidity = position.uidvalidity
        row.last_uid = position.uid
    else:
        row.last_uid = max(row.last_uid, position.uid)
    if row is not None:
        row.updated_at = uow.clock()
    await uow.session.flush()


def _digest(metadata: dict[str, Any] | None) -> str | None:
    email = (metadata or {}).get("email")
    found = email.get("content_digest") if isinstance(email, dict) else None
    return found if isinstance(found, str) and found else None


async def _known(uow: UnitOfWork, cmd: IngestMail) -> tuple[Message | None, str]:
    """``(the same mail stored before or None, the provider id to store it under)``."""
    session = uow.session
    provider_id = cmd.provider_message_id
    first = await repo.message_by_provider_id(session, CHANNEL, provider_id)
    digest = _digest(cmd.metadata)
    if first is None or digest is None:
        return first, provider_id
    earlier = _digest((first.payload or {}).get("metadata"))
    if earlier is None or earlier == digest:
        return first, provider_id
    provider_id = f"{provider_id[:183]}#{digest[:16]}"  # the column holds 200
    return await repo.message_by_provider_id(session, CHANNEL, provider_id), provider_id


async def _store(uow: UnitOfWork, cmd: IngestMail) -> dict[str, Any]:
    session = uow.session
    first, provider_id = await _known(uow, cmd)
    if first is not None:
        known = await repo.get_conversation(session, first.conversation_id)
        return await inbound_answer(uow, known, first, duplicate=True)
    conversation = await conversation_of_thread(uow, cmd.thread_ids)
    if conversation is None:
        address = normalise_address(CHANNEL, cmd.address)
        conversation = await open_conversation(uow, CHANNEL, address)
    message_id, seq = await uow.next_id("message")
    message = Message(
        id=message_id,
        seq=seq,
        conversation_id=conversation.id,
        direction="in",
        channel=CHANNEL,
        text=cmd.text,
        payload={"metadata": cmd.metadata} if cmd.metadata else None,
        provider_message_id=provider_id,
        created_at=uow.clock(),
    )
    session.add(message)
    await session.flush()
    thanks = await on_inbound(uow, conversation, message)  # a rating: the backend answers
    return await inbound_answer(uow, conversation, message, duplicate=False, answered=thanks)


async def conversation_of_thread(uow: UnitOfWork, ids: Sequence[str]) -> Conversation | None:
    """The conversation of the newest known mail among ``ids`` (ours or the customer's)."""
    for thread_id in ids:
        found = await uow.session.scalar(
            select(Message.conversation_id)
            .where(Message.channel == CHANNEL, Message.provider_message_id == thread_id)
            .limit(1)
        )
        if found is None:
            found = await uow.session.scalar(
                select(MailReply.conversation_id)
                .where(MailReply.message_id == thread_id, MailReply.conversation_id.is_not(None))
                .limit(1)
            )
        if found is not None:
            return await repo.get_conversation(uow.session, found)
    return None


