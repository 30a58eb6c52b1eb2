"""Finding or opening the conversation of a sender, verified when the address is on file, and
the one rule for "is this conversation verified" (`verified_customer_code`, `verified`)."""

from __future__ import annotations

import secrets
from typing import Any

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Customer
from backend.domain.errors import NotVerified
from backend.domain.ids import unique_id
from backend.services.platform.uow import UnitOfWork


async def open_conversation(uow: UnitOfWork, channel: str, address: str) -> Conversation:
    existing = await repo.find_conversation(uow.session, channel, address)
    if existing is not None:
        return existing
    readable, _ = await uow.next_id("conversation")
    conversation = Conversation(
        id=unique_id(readable, secrets.randbits(64)),  # never reused (backend/domain/ids.py)
        channel=channel,
        address=address,
        verified=False,
        handled_by="bot",
        created_at=uow.clock(),
    )
    codes = await repo.customers_with_address(uow.session, channel, address)
    if len(codes) == 1:  # an address shared by two customers proves nothing
        customer = await uow.session.get(Customer, codes[0])
        assert customer is not None
        mark_verified(uow, conversation, customer)
    uow.session.add(conversation)
    await uow.session.flush()
    return conversation


# The gateway's key for a portal user whose signed identity it checked (channels/web/portal.py)
PORTAL_USER = "portal_user"
PORTAL_CHANNELS = frozenset({"web", "rest"})


async def recognise_portal_user(uow: UnitOfWork, conversation: Conversation,
                                metadata: dict[str, Any] | None) -> None:
    """A web conversation whose message the gateway vouched for (a genuine signed identity of
    the company portal) speaks for the customer that has the portal user's e-mail address
    on file (one customer only: an address shared by two proves nothing)."""
    user = (metadata or {}).get(PORTAL_USER)
    if (not isinstance(user, str) or conversation.verified
            or conversation.channel not in PORTAL_CHANNELS):
        return
    codes = await repo.customers_with_address(uow.session, "email", user.strip().lower())
    if len(codes) == 1:
        customer = await uow.session.get(Customer, codes[0])
        assert customer is not None
        mark_verified(uow, conversation, customer)


async def recognise_telegram_username(uow: UnitOfWork, conversation: Conversation,
                                      username: object) -> None:
    """A Telegram sender whose @username is a contact's (of one customer only) is verified,
    and the contact gets the chat id, so the next message is known by it."""
    if conversation.verified or conversation.channel != "telegram" or not username:
        return
    contacts = await repo.contacts_with_telegram_username(uow.session, str(username))
    if len({c.customer_code for c in contacts}) != 1:
        return  # unknown, or shared by two customers: proves nothing
    customer = await repo.get_customer(uow.session, contacts[0].customer_code)
    assert customer is not None
    mark_verified(uow, conversation, customer)
    for contact in contacts:
        if contact.telegram_id is None:
            contact.telegram_id = conversation.address


def mark_verified(uow: UnitOfWork, conversation: Conversation, customer: Customer) -> None:
    conversation.customer_code = customer.code
    conversation.verified = True
    conversation.verified_at = uow.clock()
    if conversation.language is None:
        conversation.language = customer.language


def verified_customer_code(conversation: Conversation) -> str | None:
    """The customer a conversation speaks for, once verified; None before."""
    if not conversation.verified or conversation.customer_code is None:
        return None
    return conversation.customer_code


async def verified(uow: UnitOfWork, cid: str) -> tuple[Conversation, str]:
    """The conversation and its customer's code; NotVerified (403) until it is verified."""
    conversation = await repo.get_conversation(uow.session, cid)
    customer = verified_customer_code(conversation)
    if customer is None:
        raise NotVerified("the customer of this conversation is not verified yet")
    return conversation, customer
