"""Complaints and call-back requests (issue 13 §3): RecordComplaint and RecordCallback

A complaint or call-back is about the incident named, else the latest open incident
reported in the conversation, else the customer's most recently updated open incident,
else none. An unverified sender's complaint or call-back is kept too (without a customer),
so nothing said is lost; agents list them by customer, those of a sender who only gave that
customer's code marked ``verified: false``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select

from backend.adapters import repositories as repo
from backend.adapters.orm import (
    CallbackRequest,
    Complaint,
    Conversation,
    Incident,
    OtpRequest,
    Verification,
)
from backend.domain.callback import asks_callback, find_number, read_callback
from backend.domain.complaint import lodges_complaint
from backend.domain.errors import InvalidRequest, NotFound
from backend.domain.ids import normalise_incident_id
from backend.domain.incident import FINAL_STATES
from backend.services.conversations.lookup import verified_customer_code
from backend.services.conversations.otp_guard import customer_key
from backend.services.incidents.records import event
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import columns

PHONE_CHANNELS = ("sms", "whatsapp")


@dataclass(frozen=True)
class RecordComplaint:
    conversation_id: str
    text: str
    incident_id: str | None = None


@dataclass(frozen=True)
class RecordCallback:
    conversation_id: str
    text: str
    number: str | None = None  # typed apart (a form field); else read from ``text``
    incident_id: str | None = None


async def _about(uow: UnitOfWork, conversation: Conversation, customer: str | None,
                 raw_id: str | None) -> str | None:
    if raw_id:
        incident = await uow.session.get(Incident, normalise_incident_id(raw_id))
        if incident is None or customer is None or incident.customer_code != customer:
            raise NotFound(f"incident {raw_id} not found", id=raw_id)
        return incident.id
    if customer is None:
        return None
    open_ = (Incident.customer_code == customer, Incident.state.not_in(FINAL_STATES))
    found = await uow.session.scalar(
        select(Incident.id).where(*open_, Incident.conversation_id == conversation.id)
        .order_by(Incident.created_at.desc(), Incident.id.desc()).limit(1))
    return found or await uow.session.scalar(
        select(Incident.id).where(*open_)
        .order_by(Incident.updated_at.desc(), Incident.id.desc()).limit(1))


def complaint_view(row: Complaint) -> dict[str, Any]:
    return columns(row, "id", "customer_code", "incident_id", "conversation_id", "channel",
                   "text", "handoff_id", "created_at")


def callback_view(row: CallbackRequest) -> dict[str, Any]:
    return columns(row, "id", "customer_code", "incident_id", "conversation_id", "channel",
                   "number", "window", "text", "created_at")


async def record_complaint(uows: UnitOfWorkFactory, cmd: RecordComplaint) -> dict[str, Any]:
    if not cmd.text.strip():
        raise InvalidRequest("a complaint needs the customer's words", field="text")
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        row = await _add_complaint(uow, conversation, cmd.text, cmd.incident_id)
        await uow.commit()
        return complaint_view(row)


async def _add_complaint(uow: UnitOfWork, conversation: Conversation, text: str,
                         raw_id: str | None) -> Complaint:
    customer = verified_customer_code(conversation)
    row = Complaint(customer_code=customer, conversation_id=conversation.id,
                    incident_id=await _about(uow, conversation, customer, raw_id),
                    channel=conversation.channel, text=text.strip(), created_at=uow.clock())
    uow.session.add(row)
    if row.incident_id:
        event(uow, row.incident_id, "complaint", f"conversation:{conversation.id}",
              note=row.text)
    await uow.session.flush()
    return row


async def record_callback(uows: UnitOfWorkFactory, cmd: RecordCallback) -> dict[str, Any]:
    """The number typed (or, on a phone channel, the sender's own) and the window read
    from the text; 400 ``no_number`` when there is no number to ring."""
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        row = await _add_callback(uow, conversation, cmd.text, cmd.number, cmd.incident_id)
        await uow.commit()
        return callback_view(row)


async def callback_while_waiting(uow: UnitOfWork, conversation: Conversation,
                                 text: str) -> None:
    """A message to a conversation handed to people (the bot reads none of it) that asks to
    be rung back on a number typed in it is kept as a call-back request too, as the bot
    would have kept it; the person reads the message anyway."""
    if conversation.handled_by == "agent" and asks_callback(text or ""):
        await _add_callback(uow, conversation, text, None, None)


async def complaint_while_waiting(uow: UnitOfWork, conversation: Conversation,
                                  text: str) -> None:
    """Likewise a complaint lodged while people have the conversation ("quiero que conste
    una queja formal", after a critical fault was handed to them at once) is recorded on the
    incident it is about, as the bot would have recorded it."""
    if conversation.handled_by == "agent" and lodges_complaint(text or ""):
        await _add_complaint(uow, conversation, text, None)


async def _add_callback(uow: UnitOfWork, conversation: Conversation, text: str,
                        typed_number: str | None, incident_id: str | None) -> CallbackRequest:
    typed = read_callback(text)
    own = conversation.address if conversation.channel in PHONE_CHANNELS else None
    number = (find_number(typed_number) if typed_number else None) or typed.number or own
    if number is None:
        raise InvalidRequest("no phone number to call back", field="number",
                             reason="no_number", window=typed.window)
    customer = verified_customer_code(conversation)
    row = CallbackRequest(customer_code=customer, conversation_id=conversation.id,
                          incident_id=await _about(uow, conversation, customer, incident_id),
                          channel=conversation.channel, number=number[:20],
                          window=typed.window, text=text.strip(), created_at=uow.clock())
    uow.session.add(row)
    if row.incident_id:
        event(uow, row.incident_id, "callback_requested", f"conversation:{conversation.id}",
              note=f"{row.number} {row.window or ''}".strip())
    await uow.session.flush()
    return row


async def link_handoff(uow: UnitOfWork, complaint_id: int, handoff_id: int) -> None:
    row = await uow.session.get(Complaint, complaint_id)
    if row is not None:
        row.handoff_id = handoff_id


def _of_customer(model: type[Complaint | CallbackRequest], customer: str | None
                 ) -> Select[Any]:
    """The rows of ``customer``: their verified ones, and those of senders who gave that
    customer code to verify without proving it yet (a one-time code asked for, a wrong
    serial or e-mail; ``verified`` false in the view: a person may ring them back and
    check)."""
    query = select(model).order_by(model.created_at, model.id)
    if not customer:
        return query
    tried = (select(OtpRequest.conversation_id)
             .where(OtpRequest.customer_key == customer_key(customer))
             .union(select(Verification.conversation_id)
                    .where(Verification.customer_code == customer)))
    claimed = select(Conversation.id).where(Conversation.id.in_(tried),
                                            Conversation.verified.is_(False))
    return query.where(or_(model.customer_code == customer,
                           and_(model.customer_code.is_(None),
                                model.conversation_id.in_(claimed))))


async def complaints(uows: UnitOfWorkFactory, customer: str | None) -> dict[str, Any]:
    async with uows() as uow:
        rows = await uow.session.scalars(_of_customer(Complaint, customer))
        return {"complaints": [_sender(complaint_view(r)) for r in rows]}


async def callbacks(uows: UnitOfWorkFactory, customer: str | None) -> dict[str, Any]:
    async with uows() as uow:
        rows = await uow.session.scalars(_of_customer(CallbackRequest, customer))
        return {"callbacks": [_sender(callback_view(r)) for r in rows]}


def _sender(view: dict[str, Any]) -> dict[str, Any]:
    return {**view, "verified": view["customer_code"] is not None}
