"""The second factors besides a one-time code (issue 13 §4): a customer code plus the serial
of one of that customer's machines, as typed on its plate (``sn50331`` for ``SN-50331``),
or one of that customer's registered e-mail addresses.

The factor is what the customer typed (the actions pass the sentence; the addresses and
serials are read out of it by backend/domain/factors.py). The answer never says which
customer codes exist: an unknown code, a known code with a factor that is not its own and
a factor that is no serial or address all count as one wrong attempt on the conversation's
challenge (the same three-strikes lock as one-time codes: backend/domain/otp.py), with the
same error, and on the customer code typed across conversations and on the client
(attempt_guard: paused with a back-off, the desk alerted, 429 too_many_attempts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters import repositories as repo
from backend.adapters.orm import Customer, Verification
from backend.domain import otp
from backend.domain.errors import VerificationError
from backend.domain.factors import emails, serial_candidates, serial_key
from backend.domain.otp_limits import OtpLimits
from backend.services.conversations import attempt_guard, otp_guard
from backend.services.conversations.lookup import mark_verified
from backend.services.platform.uow import UnitOfWorkFactory
from backend.services.platform.views import customer_summary


async def matches(uow_session: AsyncSession, customer: Customer, factor: str) -> bool:
    """Whether ``factor`` (as typed, a sentence even) names one of the customer's e-mail
    addresses or spells one of its machines' serials."""
    typed = emails(factor)
    if typed:
        return any((c.email or "").strip().lower() in typed for c in customer.contacts)
    spelled = serial_candidates(factor)
    if not spelled:
        return False
    equipment = await repo.customer_equipment(uow_session, customer.code)
    return any(serial_key(e.serial or "") in spelled for e in equipment)


async def check_factor(uows: UnitOfWorkFactory, cid: str, customer_code: str,
                       factor: str, limits: OtpLimits | None = None) -> dict[str, Any]:
    """Verify the conversation as ``customer_code`` when ``factor`` is its own; otherwise
    WrongCode (attempts left) or VerificationLocked, recorded before raising;
    TooManyAttempts, before anything is checked, while the customer code or the client
    is paused."""
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cid)
        row = await uow.session.get(Verification, conversation.id)
        if row is None:
            row = Verification(conversation_id=conversation.id, attempts=0, locked=False,
                               updated_at=uow.clock())
            uow.session.add(row)
        challenge = otp.Challenge(row.code_hash, row.expires_at, row.attempts, row.locked)
        challenge.ensure_not_locked()
        key = otp_guard.customer_key(customer_code)
        customer = await repo.get_customer(uow.session, key)
        await attempt_guard.guard(uow, limits or OtpLimits(), key, conversation,
                                  customer is not None)
        if customer is not None and await matches(uow.session, customer, factor):
            mark_verified(uow, conversation, customer)
            await uow.commit()
            return {"verified": True, "customer": customer_summary(customer)}
        attempt_guard.record_failure(uow, key, conversation.id)
        try:
            challenge.count_wrong()
        except VerificationError:
            row.attempts, row.locked = challenge.attempts, challenge.locked
            row.code_hash = challenge.code_hash
            row.updated_at = uow.clock()
            await uow.commit()  # a wrong attempt counts even though the command fails
            raise
        raise AssertionError("count_wrong always raises")  # pragma: no cover
