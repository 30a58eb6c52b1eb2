"""Writes outbound work into the outbox inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.counters import next_id
from backend.adapters.orm import OutboxItem
from backend.domain.clock import Clock
from backend.domain.outbox import OutboxStatus


class OutboxWriter:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(
        self,
        *,
        kind: str,
        channel: str,
        address: str,
        text: str,
        buttons: list[dict[str, Any]] | None = None,
        conversation_id: str | None = None,
        attachments: list[str] | None = None,
    ) -> OutboxItem:
        item_id, seq = await next_id(self._session, "outbox")
        now = self._clock()
        item = OutboxItem(
            id=item_id,
            seq=seq,
            kind=kind,
            channel=channel,
            address=address,
            text=text,
            buttons=buttons,
            attachments=attachments or None,
            conversation_id=conversation_id,
            status=OutboxStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        self._session.add(item)
        await self._session.flush()
        return item
