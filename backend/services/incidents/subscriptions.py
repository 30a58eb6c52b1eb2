"""Who follows an incident (each reporter, on their own channel), and telling them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select

from backend.adapters.orm import Conversation, Customer, IncidentSubscription
from backend.services.platform.uow import UnitOfWork

Address = tuple[str, str, str | None]  # channel, address, conversation id


async def subscribers(uow: UnitOfWork, incident_id: str) -> list[IncidentSubscription]:
    result = await uow.session.execute(
        select(IncidentSubscription)
        .where(IncidentSubscription.incident_id == incident_id)
        .order_by(IncidentSubscription.id)
    )
    return list(result.scalars())


async def subscribe(uow: UnitOfWork, incident_id: str, channel: str, address: str,
                    conversation_id: str | None) -> bool:
    """True when added; False when that address already follows the incident."""
    if not address:
        return False
    existing = await uow.session.execute(
        select(IncidentSubscription.id).where(
            IncidentSubscription.incident_id == incident_id,
            IncidentSubscription.channel == channel,
            IncidentSubscription.address == address,
        )
    )
    if existing.first() is not None:
        return False
    uow.session.add(IncidentSubscription(
        incident_id=incident_id, channel=channel, address=address,
        conversation_id=conversation_id, created_at=uow.clock(),
    ))
    await uow.session.flush()
    return True


async def subscribe_conversation(uow: UnitOfWork, incident_id: str,
                                 conversation: Conversation) -> bool:
    return await subscribe(uow, incident_id, conversation.channel, conversation.address,
                           conversation.id)


async def unsubscribe(uow: UnitOfWork, incident_id: str, addresses: Sequence[Address]) -> None:
    for sub in await subscribers(uow, incident_id):
        if (sub.channel, sub.address) in {(a[0], a[1]) for a in addresses}:
            await uow.session.delete(sub)
    await uow.session.flush()


async def subscriber_language(uow: UnitOfWork, sub: IncidentSubscription, customer: str
                              ) -> str | None:
    if sub.conversation_id:
        conversation = await uow.session.get(Conversation, sub.conversation_id)
        if conversation is not None and conversation.language:
            return conversation.language
    found = await uow.session.get(Customer, customer)
    return found.language if found is not None else None


async def notify(uow: UnitOfWork, incident_id: str, customer: str, kind: str,
                 text_for: Callable[[str | None], str],
                 only: Sequence[Address] | None = None) -> int:
    """One outbox row per subscriber (or per `only` of them), in their language."""
    count = 0
    wanted = {(a[0], a[1]) for a in only} if only is not None else None
    for sub in await subscribers(uow, incident_id):
        if wanted is not None and (sub.channel, sub.address) not in wanted:
            continue
        text = text_for(await subscriber_language(uow, sub, customer))
        await uow.outbox.add(kind=kind, channel=sub.channel, address=sub.address, text=text,
                             conversation_id=sub.conversation_id)
        count += 1
    return count
