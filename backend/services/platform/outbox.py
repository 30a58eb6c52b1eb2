"""Outbox delivery: claim with a lease, mark delivered, or failed with backoff."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError

from backend.adapters.orm import OutboxItem, OutboxPart
from backend.domain.errors import InvalidTransition, NotFound
from backend.domain.outbox import CLAIM_LEASE, OutboxStatus, backoff, gives_up
from backend.services.conversations import opt_out
from backend.services.platform.commands import MarkDelivered, MarkFailed
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory
from backend.services.platform.views import outbox_view

PENDING = OutboxStatus.PENDING.value
SENDING = OutboxStatus.SENDING.value
DELIVERED = OutboxStatus.DELIVERED.value


async def claim(uows: UnitOfWorkFactory, limit: int) -> dict[str, Any]:
    """Pending rows that are due, plus rows whose claim lease ran out (a worker died)."""
    async with uows() as uow:
        now = uow.clock()
        due = or_(
            and_(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= now),
            and_(OutboxItem.status == SENDING, OutboxItem.claimed_until < now),
        )
        result = await uow.session.execute(
            select(OutboxItem)
            .where(due)
            .order_by(OutboxItem.seq)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        kept = await opt_out.screen(uow, list(result.scalars()))
        for entry in kept:
            entry["item"].status = SENDING
            entry["item"].claimed_until = now + CLAIM_LEASE
        await uow.commit()
        return {
            "items": [{**outbox_view(e["item"]), "language": e["language"]} for e in kept]
        }


async def _get(uow: UnitOfWork, outbox_id: str) -> OutboxItem:
    item = await uow.session.get(OutboxItem, outbox_id, with_for_update=True)
    if item is None:
        raise NotFound(f"outbox item {outbox_id} not found", id=outbox_id)
    return item


async def mark_delivered(uows: UnitOfWorkFactory, cmd: MarkDelivered) -> dict[str, Any]:
    async with uows() as uow:
        item = await _get(uow, cmd.outbox_id)
        if item.status != DELIVERED:  # a repeated report changes nothing
            item.status = DELIVERED
            item.via = cmd.via
            item.provider_message_id = cmd.provider_message_id
            item.delivered_at = uow.clock()
            item.claimed_until = None
            await uow.commit()
        return outbox_view(item, delivery=True)


async def mark_failed(uows: UnitOfWorkFactory, cmd: MarkFailed) -> dict[str, Any]:
    async with uows() as uow:
        item = await _get(uow, cmd.outbox_id)
        if item.status == DELIVERED:
            raise InvalidTransition(f"outbox item {item.id} was already delivered")
        now = uow.clock()
        item.attempts += 1
        item.last_error = cmd.error
        item.claimed_until = None
        if gives_up(item.attempts):
            item.status = OutboxStatus.FAILED.value
        else:
            item.status = PENDING
            item.next_attempt_at = now + backoff(item.attempts)
        await uow.commit()
        view = outbox_view(item, delivery=True)
        view["next_attempt_at"] = item.next_attempt_at.isoformat()
        return view


async def recent(uows: UnitOfWorkFactory, via: str | None, limit: int) -> dict[str, Any]:
    async with uows() as uow:
        query = select(OutboxItem).order_by(OutboxItem.seq.desc()).limit(limit)
        if via:
            query = query.where(OutboxItem.via == via)
        result = await uow.session.execute(query)
        return {"items": [outbox_view(item, delivery=True) for item in result.scalars()]}


async def record_part(
    uows: UnitOfWorkFactory, outbox_id: str, part: int, provider_message_id: str
) -> dict[str, Any]:
    """Part ``part`` of a multi-part row was accepted by the provider. Idempotent: the
    first report of a part wins, a repeated one changes nothing."""
    async with uows() as uow:
        await _get(uow, outbox_id)  # 404 for an unknown row
        known = await uow.session.get(OutboxPart, (outbox_id, part))
        if known is None:
            uow.session.add(OutboxPart(outbox_id=outbox_id, part=part,
                                       provider_message_id=provider_message_id,
                                       sent_at=uow.clock()))
            with contextlib.suppress(IntegrityError):  # a concurrent twin recorded it first
                await uow.commit()
    return await sent_parts(uows, outbox_id)


async def sent_parts(uows: UnitOfWorkFactory, outbox_id: str) -> dict[str, Any]:
    """The parts of a row the provider accepted already, in order."""
    async with uows() as uow:
        if await uow.session.get(OutboxItem, outbox_id) is None:
            raise NotFound(f"outbox item {outbox_id} not found", id=outbox_id)
        rows = await uow.session.scalars(
            select(OutboxPart).where(OutboxPart.outbox_id == outbox_id).order_by(OutboxPart.part)
        )
        return {
            "id": outbox_id,
            "parts": [{"part": r.part, "provider_message_id": r.provider_message_id}
                      for r in rows],
        }
