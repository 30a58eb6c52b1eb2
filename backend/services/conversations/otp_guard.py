"""The one-time code ledger: earlier requests per customer code, contact, sender and in all, the
limits' verdict (backend/domain/otp_limits.py), and one alert to the desk (the default
queue's supervisors) the first time a customer's codes are refused within a window."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true

from backend.adapters.orm import OtpRequest
from backend.domain.errors import TooManyCodes
from backend.domain.otp_limits import DESK_ALERT, OtpLimits, Refusal
from backend.services.dispatch.outbox import supervisor_reach
from backend.services.dispatch.routing import current_rules
from backend.services.platform.uow import UnitOfWork

COUNTED = ("sent", "withheld")  # refused requests do not count against the limits
KEY_LENGTH = 60


def customer_key(typed: str) -> str:
    return typed.strip().upper()[:KEY_LENGTH]


async def _times(uow: UnitOfWork, since: datetime, where: ColumnElement[bool]) -> list[datetime]:
    rows = await uow.session.scalars(select(OtpRequest.created_at).where(
        where, OtpRequest.created_at > since, OtpRequest.outcome.in_(COUNTED)))
    return list(rows)


async def guard(uow: UnitOfWork, limits: OtpLimits, key: str, contact: str | None,
                conversation_id: str, customer_code: str | None) -> None:
    """Record the request; raise TooManyCodes (after recording the refusal and, the first
    time in a window, alerting the desk) when a limit says no code may go now."""
    now = uow.clock()
    since = now - limits.window
    refusal = limits.refusal(
        now,
        customer=await _times(uow, since, OtpRequest.customer_key == key),
        contact=await _times(uow, since, OtpRequest.contact == contact) if contact else [],
        sender=await _times(uow, since, OtpRequest.conversation_id == conversation_id),
        everyone=await _times(uow, since, true()))  # at most `overall` rows: refused ones are not
    if refusal is None:
        return
    refused_before = await uow.session.scalar(select(func.count()).select_from(OtpRequest)
                                              .where(OtpRequest.customer_key == key,
                                                     OtpRequest.outcome == "refused",
                                                     OtpRequest.created_at > since))
    uow.session.add(OtpRequest(customer_key=key, contact=contact, outcome="refused",
                               conversation_id=conversation_id, created_at=now))
    if customer_code is not None and not refused_before and refusal.reason != "sender":
        count = await uow.session.scalar(select(func.count()).select_from(OtpRequest).where(
            OtpRequest.customer_key == customer_code, OtpRequest.created_at > since))
        await alert_desk(uow, DESK_ALERT, customer_code, count or 0)
    await uow.commit()  # the refusal is recorded although the command fails
    raise _error(refusal)


def record(uow: UnitOfWork, key: str, contact: str | None, conversation_id: str) -> None:
    uow.session.add(OtpRequest(customer_key=key, contact=contact,
                               outcome="sent" if contact else "withheld",
                               conversation_id=conversation_id, created_at=uow.clock()))


async def alert_desk(uow: UnitOfWork, texts: dict[str, str], customer_code: str,
                     count: int) -> None:
    """``texts`` (es/en, with {customer} and {count}) to the default queue's supervisors."""
    queue = (rules := await current_rules(uow)).queues.get(rules.default_queue)
    for supervisor in queue.supervisors if queue else ():
        to = supervisor_reach(supervisor)
        if to is not None:
            text = texts["en" if supervisor.language == "en" else "es"]
            await uow.outbox.add(kind="supervisor_alert", channel=to.channel,
                                 address=to.address,
                                 text=text.format(customer=customer_code, count=count))


def _error(refusal: Refusal) -> TooManyCodes:
    return TooManyCodes("too many one-time codes requested; try again later",
                        retry_after=refusal.seconds)
