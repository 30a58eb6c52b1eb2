"""Queries the services share; each takes the unit of work's session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from backend.adapters.orm import Contact, Conversation, Customer, Equipment, Incident, Message
from backend.domain.channels import IDENTIFYING_FIELD
from backend.domain.errors import NotFound

Row = TypeVar("Row")


async def get_row(session: AsyncSession, model: type[Row], key: Any, what: str,
                  shown: str | None = None) -> Row:
    """The row of ``model`` with primary key ``key``; NotFound (404) names it as ``what``."""
    row = await session.get(model, key)
    if row is None:
        label = key if shown is None else shown
        raise NotFound(f"{what} {label} not found", id=label)
    return row


async def get_conversation(session: AsyncSession, cid: str) -> Conversation:
    return await get_row(session, Conversation, cid, "conversation")


async def find_conversation(
    session: AsyncSession, channel: str, address: str
) -> Conversation | None:
    result = await session.execute(
        select(Conversation).where(Conversation.channel == channel, Conversation.address == address)
    )
    return result.scalar_one_or_none()


async def customers_with_address(session: AsyncSession, channel: str, address: str) -> list[str]:
    """Codes of the customers having a contact with this sender address."""
    field = IDENTIFYING_FIELD.get(channel)
    if field is None:
        return []
    column = getattr(Contact, field)
    condition = func.lower(column) == address if field == "email" else column == address
    result = await session.execute(select(Contact.customer_code).where(condition).distinct())
    return sorted(result.scalars())


async def contact_with_address(session: AsyncSession, customer: str, channel: str,
                               address: str) -> Contact | None:
    """The customer's contact this sender address belongs to (the first one when shared)."""
    field = IDENTIFYING_FIELD.get(channel)
    if field is None:
        return None
    column = getattr(Contact, field)
    condition = func.lower(column) == address.lower() if field == "email" else column == address
    result = await session.execute(select(Contact).where(Contact.customer_code == customer,
                                                         condition).order_by(Contact.id))
    return result.scalars().first()


async def contacts_with_telegram_username(session: AsyncSession, username: str) -> list[Contact]:
    """Contacts registered with this Telegram @username (any case, with or without "@")."""
    handle = username.strip().removeprefix("@").lower()
    if not handle:
        return []
    result = await session.execute(select(Contact).where(Contact.telegram_username == handle))
    return list(result.scalars())


async def get_customer(session: AsyncSession, code: str) -> Customer | None:
    result = await session.execute(
        select(Customer)
        .where(Customer.code == code)
        .options(selectinload(Customer.contacts), selectinload(Customer.sites))
    )
    return result.scalar_one_or_none()


async def customer_equipment(session: AsyncSession, code: str) -> Sequence[Equipment]:
    result = await session.execute(
        select(Equipment).where(Equipment.customer_code == code).order_by(Equipment.id)
    )
    return result.scalars().all()


async def find_customer_equipment(
    session: AsyncSession, code: str, equipment_id: str | None, serial: str | None
) -> Equipment | None:
    conditions = []
    if equipment_id:
        conditions.append(func.upper(Equipment.id) == equipment_id.strip().upper())
    if serial:
        conditions.append(func.upper(Equipment.serial) == serial.strip().upper())
    if not conditions:
        return None
    result = await session.execute(
        select(Equipment).where(Equipment.customer_code == code, or_(*conditions))
    )
    return result.scalars().first()


async def message_by_provider_id(session: AsyncSession, channel: str, pmid: str) -> Message | None:
    result = await session.execute(
        select(Message).where(Message.channel == channel, Message.provider_message_id == pmid)
    )
    return result.scalar_one_or_none()


async def latest_outbound(session: AsyncSession, cid: str) -> Message | None:
    result = await session.execute(
        select(Message)
        .where(Message.conversation_id == cid, Message.direction == "out")
        .order_by(Message.seq.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def get_incident(session: AsyncSession, incident_id: str) -> Incident:
    return await get_row(session, Incident, incident_id, "incident")
