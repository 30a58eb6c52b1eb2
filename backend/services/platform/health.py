"""What the readiness probe and the metrics ask of the database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, text

from backend.adapters.orm import OutboxItem
from backend.services.platform.uow import UnitOfWorkFactory


async def ping_database(uows: UnitOfWorkFactory) -> None:
    """Raises when the database does not answer."""
    async with uows() as uow:
        await uow.session.execute(text("SELECT 1"))


async def outbox_backlog(uows: UnitOfWorkFactory) -> tuple[int, datetime | None]:
    """How many outbox items wait to be delivered, and since when the oldest one waits."""
    waiting = OutboxItem.status.in_(("pending", "sending"))
    async with uows() as uow:
        depth, oldest = (await uow.session.execute(
            select(func.count(), func.min(OutboxItem.created_at)).where(waiting))).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return int(depth or 0), oldest
