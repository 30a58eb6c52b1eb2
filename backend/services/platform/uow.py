"""Unit of work: one transaction per command. Rolls back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from backend.adapters.counters import next_id
from backend.adapters.outbox_writer import OutboxWriter
from backend.domain.clock import Clock
from backend.domain.errors import Conflict


class UnitOfWork:
    session: AsyncSession
    outbox: OutboxWriter

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self.clock = clock

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        self.outbox = OutboxWriter(self.session, self.clock)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        try:
            await self.session.commit()
        except StaleDataError as exc:
            raise Conflict("the record was changed by someone else; try again") from exc

    async def flush(self) -> None:
        try:
            await self.session.flush()
        except StaleDataError as exc:
            raise Conflict("the record was changed by someone else; try again") from exc

    async def next_id(self, kind: str) -> tuple[str, int]:
        return await next_id(self.session, kind)


class UnitOfWorkFactory:
    """What handlers receive: `async with uow_factory() as uow:`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.clock)


__all__ = ["IntegrityError", "UnitOfWork", "UnitOfWorkFactory"]
