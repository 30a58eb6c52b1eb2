"""ReceiveInbound and RecordOutbound: every message is stored before anything else."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Message
from backend.adapters.orm.agents import Handoff
from backend.domain.channels import normalise_address
from backend.domain.handoff import ASSIGNED
from backend.domain.texts import say
from backend.services.conversations.lookup import (
    open_conversation,
    recognise_portal_user,
    recognise_telegram_username,
    verified_customer_code,
)
from backend.services.incidents.followups import callback_while_waiting, complaint_while_waiting
from backend.services.incidents.notes import note_followup
from backend.services.incidents.satisfaction_answer import answer as answer_survey
from backend.services.platform.commands import ReceiveInbound, RecordOutbound
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

LANGUAGES = frozenset({"es", "en"})
# Conversations on these channels get their bot replies delivered by the gateway's outbox
# worker (retried with backoff while the provider is down); web/rest answer in-line.
OUTBOX_CHANNELS = frozenset({"telegram", "sms"})


async def receive_inbound(uows: UnitOfWorkFactory, cmd: ReceiveInbound) -> dict[str, Any]:
    return await uows.retried(lambda uow: _receive(uow, cmd))


async def _receive(uow: UnitOfWork, cmd: ReceiveInbound) -> dict[str, Any]:
    session = uow.session
    if cmd.provider_message_id:
        first = await repo.message_by_provider_id(session, cmd.channel, cmd.provider_message_id)
        if first is not None:
            conversation = await repo.get_conversation(session, first.conversation_id)
            return await inbound_answer(uow, conversation, first, duplicate=True)
    address = normalise_address(cmd.channel, cmd.address)
    conversation = await open_conversation(uow, cmd.channel, address)
    await recognise_portal_user(uow, conversation, cmd.metadata)
    _first_language(conversation, cmd.metadata)
    await recognise_telegram_username(uow, conversation,
                                      (cmd.metadata or {}).get("telegram_username"))
    payload: dict[str, Any] = {}
    if cmd.payload is not None:
        payload["payload"] = cmd.payload
    if cmd.metadata:
        payload["metadata"] = cmd.metadata
    message = await _add_message(uow, conversation, "in", cmd.text, payload or None,
                                 cmd.provider_message_id)
    thanks = await on_inbound(uow, conversation, message)
    return await inbound_answer(uow, conversation, message, duplicate=False, answered=thanks)


async def on_inbound(uow: UnitOfWork, conversation: Conversation, message: Message
                     ) -> str | None:
    """What every new customer message does, whatever its channel: noted on the open
    incident it is about, kept as a call-back request or a complaint when it is one while
    people have the conversation, read as a satisfaction rating; the backend's own reply (the
    thanks for a rating) or None."""
    await note_followup(uow, conversation, message)
    await callback_while_waiting(uow, conversation, message.text)
    await complaint_while_waiting(uow, conversation, message.text)
    return await answer_survey(uow, conversation, message)


def _first_language(conversation: Conversation, metadata: dict[str, Any] | None) -> None:
    """``metadata.language`` (es|en, e.g. Telegram's language_code) sets a conversation's
    language once; later messages never change it."""
    language = (metadata or {}).get("language")
    if conversation.language is None and language in LANGUAGES:
        conversation.language = language


async def _add_message(
    uow: UnitOfWork,
    conversation: Conversation,
    direction: str,
    text: str,
    payload: dict[str, Any] | None,
    provider_message_id: str | None = None,
) -> Message:
    message_id, seq = await uow.next_id("message")
    message = Message(
        id=message_id,
        seq=seq,
        conversation_id=conversation.id,
        direction=direction,
        channel=conversation.channel,
        text=text,
        payload=payload,
        provider_message_id=provider_message_id,
        created_at=uow.clock(),
    )
    uow.session.add(message)
    await uow.session.flush()
    return message


async def inbound_answer(
    uow: UnitOfWork, conversation: Conversation, message: Message, *, duplicate: bool,
    answered: str | None = None,
) -> dict[str, Any]:
    """The answer of ``POST /api/messages/inbound`` (docs/contract.md), e-mail's too.
    ``answered``: the backend's own reply (the thanks for a satisfaction rating): the
    message goes to neither the bot nor an agent, and ``notice`` is that reply."""
    latest = await repo.latest_outbound(uow.session, conversation.id)
    notice = answered or (None if duplicate else await _waiting_notice(uow, conversation))
    buttons = (latest.payload or {}).get("buttons") or [] if latest is not None else []
    return {
        "conversation_id": conversation.id,
        "message_id": message.id,
        "duplicate": duplicate,
        "handled_by": conversation.handled_by,
        "customer_code": verified_customer_code(conversation),
        "verified": conversation.verified,
        "offered_payloads": [str(b["payload"]) for b in buttons if b.get("payload")],
        "notice": notice,
        "answered": answered is not None,
    }


async def _waiting_notice(uow: UnitOfWork, conversation: Conversation) -> str | None:
    """While a conversation waits for a person nobody has taken yet (a queue nobody staffs,
    a message left out of hours), each customer message is acknowledged in their language
    instead of met with silence; once an agent has taken it, the agent answers."""
    if conversation.handled_by != "agent":
        return None
    taken = await uow.session.scalar(
        select(Handoff.id).where(Handoff.conversation_id == conversation.id,
                                 Handoff.state == ASSIGNED).limit(1))
    return None if taken is not None else say("handoff_waiting", conversation.language)


async def proactive(uow: UnitOfWork, kind: str, channel: str, address: str, text: str,
                    buttons: list[dict[str, Any]]) -> Message:
    """A message the service starts (not an answer) that offers buttons: stored in the
    address's conversation as its latest outbound message, so the buttons' payloads are
    the ones the gateway accepts next (channels/slash_guard.py), and sent via the outbox."""
    conversation = await open_conversation(uow, channel, normalise_address(channel, address))
    message = await _add_message(uow, conversation, "out", text, {"buttons": buttons})
    await uow.outbox.add(kind=kind, channel=channel, address=conversation.address, text=text,
                         buttons=buttons, conversation_id=conversation.id)
    return message


async def record_outbound(uows: UnitOfWorkFactory, cmd: RecordOutbound) -> dict[str, Any]:
    return await uows.retried(lambda uow: _record(uow, cmd))


async def _record(uow: UnitOfWork, cmd: RecordOutbound) -> dict[str, Any]:
    conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
    key = cmd.reply_key
    if key is not None:
        first = await repo.message_by_provider_id(uow.session, conversation.channel, key)
        if first is not None:  # stored already (and queued, once)
            return {"message_id": first.id}
    payload: dict[str, Any] = {}
    if cmd.buttons:
        payload["buttons"] = cmd.buttons
    if cmd.image is not None:
        payload["image"] = cmd.image
    if cmd.custom is not None:
        payload["custom"] = cmd.custom
    message = await _add_message(uow, conversation, "out", cmd.text, payload or None, key)
    if conversation.channel in OUTBOX_CHANNELS and (cmd.text.strip() or cmd.buttons):
        await uow.outbox.add(
            kind="reply",
            channel=conversation.channel,
            address=conversation.address,
            text=cmd.text,
            buttons=cmd.buttons or None,
            conversation_id=conversation.id,
        )
    return {"message_id": message.id}
