"""Wrong second factors counted across conversations (issue 19 §2): every wrong one-time
code, serial or e-mail is recorded in the one-time code ledger (``otp_requests``, outcome
``failed``) under the customer code typed, known or not; before a factor is checked the
limits (backend/domain/otp_limits.py ``failure_refusal``) may pause checks for that
customer code or for the whole client (the channel the conversation came through), with a
back-off. A pause is recorded (outcome ``paused``) and, the first time a real customer's
checks are paused within a window, the desk is alerted. The answer is the same whether the
customer code exists or not: 429 ``too_many_attempts`` with ``retry_after``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select

from backend.adapters.orm import Conversation, OtpRequest
from backend.domain.errors import TooManyAttempts
from backend.domain.otp_limits import FAILURE_ALERT, OtpLimits
from backend.services.conversations.otp_guard import COUNTED, alert_desk
from backend.services.platform.uow import UnitOfWork

FAILED = "failed"
PAUSED = "paused"


async def _failures(uow: UnitOfWork, since: datetime, where: ColumnElement[bool]) -> list[datetime]:
    rows = await uow.session.scalars(
        select(OtpRequest.created_at)
        .join(Conversation, Conversation.id == OtpRequest.conversation_id)
        .where(where, OtpRequest.outcome == FAILED, OtpRequest.created_at > since))
    return list(rows)


async def typed_key(uow: UnitOfWork, conversation_id: str, fallback: str | None) -> str:
    """The customer code the conversation's latest one-time code was asked for (also when
    it is no customer's: then no code went out and ``fallback`` is None)."""
    key = await uow.session.scalar(
        select(OtpRequest.customer_key)
        .where(OtpRequest.conversation_id == conversation_id, OtpRequest.outcome.in_(COUNTED))
        .order_by(OtpRequest.id.desc()).limit(1))
    return key or fallback or ""


async def guard(uow: UnitOfWork, limits: OtpLimits, key: str, conversation: Conversation,
                known: bool) -> None:
    """Raise TooManyAttempts (after recording the pause and, the first time in a window
    for a known customer, alerting the desk) when no factor may be checked now."""
    now = uow.clock()
    since = now - limits.window
    refusal = limits.failure_refusal(
        now,
        customer=await _failures(uow, since, OtpRequest.customer_key == key),
        client=await _failures(uow, since, Conversation.channel == conversation.channel))
    if refusal is None:
        return
    paused_before = await uow.session.scalar(
        select(func.count()).select_from(OtpRequest).where(
            OtpRequest.customer_key == key, OtpRequest.outcome == PAUSED,
            OtpRequest.created_at > since))
    uow.session.add(OtpRequest(customer_key=key, contact=None, outcome=PAUSED,
                               conversation_id=conversation.id, created_at=now))
    if known and not paused_before:
        failed = await _failures(uow, since, OtpRequest.customer_key == key)
        await alert_desk(uow, FAILURE_ALERT, key, len(failed))
    await uow.commit()  # the pause is recorded although the command fails
    raise TooManyAttempts("too many failed verification attempts; try again later",
                          retry_after=refusal.seconds)


def record_failure(uow: UnitOfWork, key: str, conversation_id: str) -> None:
    uow.session.add(OtpRequest(customer_key=key, contact=None, outcome=FAILED,
                               conversation_id=conversation_id, created_at=uow.clock()))
