"""Identity of a conversation and one-time-code verification (RequestCode, CheckCode)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.adapters import repositories as repo
from backend.adapters.orm import Contact, Conversation, Customer, Verification
from backend.domain import otp
from backend.domain.channels import (
    CONTACT_FIELD_OF_CHANNEL,
    DEFAULT_OTP_PREFERENCE,
    IDENTIFYING_FIELD,
    OTP_CHANNEL_PREFERENCE,
)
from backend.domain.errors import CodeExpired, NoContactOnFile, VerificationError
from backend.domain.otp_limits import OtpLimits
from backend.domain.texts import otp_text
from backend.services.conversations import attempt_guard, otp_guard
from backend.services.conversations.lookup import mark_verified, verified_customer_code
from backend.services.platform.commands import CheckCode, RequestCode
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import customer_summary


async def identity(uows: UnitOfWorkFactory, cid: str) -> dict[str, Any]:
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cid)
        challenge = await uow.session.get(Verification, cid)
        customer = await _verified_customer(uow, conversation)
        return {
            "verified": conversation.verified,
            "locked": bool(challenge and challenge.locked),
            "customer": customer_summary(customer) if customer else None,
            "language": conversation.language,
        }


async def _verified_customer(uow: UnitOfWork, conversation: Conversation) -> Customer | None:
    code = verified_customer_code(conversation)
    return None if code is None else await uow.session.get(Customer, code)


def pick_destination(customer: Customer, conversation_channel: str) -> tuple[str, str]:
    """(channel, address) of the preferred contact on file, in the order that suits
    the channel the customer is talking on."""
    contacts = sorted(customer.contacts, key=lambda c: (not c.preferred, c.id))
    order = OTP_CHANNEL_PREFERENCE.get(conversation_channel, DEFAULT_OTP_PREFERENCE)
    for contact in contacts:
        for channel in order:
            address = _contact_address(contact, channel)
            if address:
                return channel, address
    raise NoContactOnFile(f"customer {customer.code} has no contact to send a code to")


def _contact_address(contact: Contact, channel: str) -> str | None:
    value = getattr(contact, CONTACT_FIELD_OF_CHANNEL[channel])
    return str(value) if value else None


async def request_code(uows: UnitOfWorkFactory, cmd: RequestCode,
                       limits: OtpLimits | None = None) -> dict[str, Any]:
    """Send a code to the contact on file of the customer code typed. An unverified sender
    gets the same answer whether the code is a customer's (with a contact) or not: in the
    latter case a challenge is kept that no code can pass, and nothing is sent. Bounded
    per customer code, contact and sender (TooManyCodes)."""
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        challenge = await uow.session.get(Verification, conversation.id)
        if challenge is not None and challenge.locked:
            otp.Challenge(None, None, challenge.attempts, True).ensure_not_locked()
        key = otp_guard.customer_key(cmd.customer_code)
        customer = await repo.get_customer(uow.session, key)
        destination = _destination(customer, conversation.channel)
        await otp_guard.guard(uow, limits or OtpLimits(), key,
                              destination[1] if destination else None, conversation.id,
                              customer.code if customer else None)
        otp_guard.record(uow, key, destination[1] if destination else None, conversation.id)
        code = otp.new_code()
        now = uow.clock()
        if challenge is None:
            challenge = Verification(conversation_id=conversation.id, attempts=0, locked=False)
            uow.session.add(challenge)
        challenge.customer_code = customer.code if customer and destination else None
        challenge.code_hash = otp.hash_code(code)
        challenge.expires_at = now + timedelta(seconds=cmd.ttl_seconds)
        challenge.updated_at = now
        if customer is not None and destination is not None:
            await uow.outbox.add(
                kind="otp",
                channel=destination[0],
                address=destination[1],
                text=otp_text(customer.language, code, max(cmd.ttl_seconds // 60, 1)),
                conversation_id=conversation.id,
            )
        await uow.commit()
        return {"status": "code_sent", "customer_code": key, "expires_in": cmd.ttl_seconds}


def _destination(customer: Customer | None, channel: str) -> tuple[str, str] | None:
    if customer is None:
        return None
    try:
        return pick_destination(customer, channel)
    except NoContactOnFile:
        return None


async def check_code(uows: UnitOfWorkFactory, cmd: CheckCode,
                     limits: OtpLimits | None = None) -> dict[str, Any]:
    """Verify the conversation when ``cmd.code`` is the one sent; a wrong code counts on
    the conversation (three strikes) and on the customer code it was asked for, across
    conversations (attempt_guard: TooManyAttempts)."""
    async with uows() as uow:
        conversation = await repo.get_conversation(uow.session, cmd.conversation_id)
        row = await uow.session.get(Verification, conversation.id)
        if row is None:
            raise CodeExpired("no one-time code is pending; ask for a new one")
        challenge = otp.Challenge(row.code_hash, row.expires_at, row.attempts, row.locked)
        challenge.ensure_not_locked()
        key = await attempt_guard.typed_key(uow, conversation.id, row.customer_code)
        await attempt_guard.guard(uow, limits or OtpLimits(), key, conversation,
                                  row.customer_code is not None)
        try:
            challenge.check(cmd.code, uow.clock())
            if row.customer_code is None:  # no code was sent: a match proves nothing
                challenge.count_wrong()
        except VerificationError:
            if challenge.attempts > row.attempts:
                attempt_guard.record_failure(uow, key, conversation.id)
            _store(row, challenge, uow)
            await uow.commit()  # a wrong attempt counts even though the command fails
            raise
        _store(row, challenge, uow)
        customer = await repo.get_customer(uow.session, row.customer_code or "")
        assert customer is not None
        mark_verified(uow, conversation, customer)
        link_sender(customer, conversation)
        await uow.commit()
        return {"verified": True, "customer": customer_summary(customer)}


# channel → contact field that a verified conversation on that channel fills in, so the
# sender is known (verified on the first message) next time.
LINKED_FIELD_OF_CHANNEL = {"telegram": IDENTIFYING_FIELD["telegram"]}


def link_sender(customer: Customer, conversation: Conversation) -> None:
    """Record the conversation's address on the contact that received the code, unless
    that contact already has one (a code proves the e-mail or phone, not a takeover)."""
    field = LINKED_FIELD_OF_CHANNEL.get(conversation.channel)
    if field is None:
        return
    try:
        channel, address = pick_destination(customer, conversation.channel)
    except NoContactOnFile:
        return
    for contact in customer.contacts:
        if _contact_address(contact, channel) == address:
            if getattr(contact, field) is None:
                setattr(contact, field, conversation.address)
            return


def _store(row: Verification, challenge: otp.Challenge, uow: UnitOfWork) -> None:
    row.code_hash = challenge.code_hash
    row.expires_at = challenge.expires_at
    row.attempts = challenge.attempts
    row.locked = challenge.locked
    row.updated_at = uow.clock()
