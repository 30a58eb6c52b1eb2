"""Finding or opening the conversation of a sender, verified when the address is on file."""

from __future__ import annotations

from backend.adapters import repositories as repo
from backend.adapters.orm import Conversation, Customer
from backend.services.platform.uow import UnitOfWork


async def open_conversation(uow: UnitOfWork, channel: str, address: str) -> Conversation:
    existing = await repo.find_conversation(uow.session, channel, address)
    if existing is not None:
        return existing
    conversation_id, _ = await uow.next_id("conversation")
    conversation = Conversation(
        id=conversation_id,
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


def mark_verified(uow: UnitOfWork, conversation: Conversation, customer: Customer) -> None:
    conversation.customer_code = customer.code
    conversation.verified = True
    conversation.verified_at = uow.clock()
    if conversation.language is None:
        conversation.language = customer.language
