"""Unit of work: one transaction per command. Rolls back unless committed.

Who owns the transaction is visible in the signature: a handler takes the factory
(``uows: UnitOfWorkFactory``), opens ``async with uows() as uow:`` and commits; a helper takes
an open ``uow: UnitOfWork`` and never commits. `UnitOfWorkFactory.retried` is the one way to
run a command again when a concurrent twin won an insert (IntegrityError).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from backend.adapters.counters import next_id
from backend.adapters.outbox_writer import OutboxWriter
from backend.domain.backoff import jittered
from backend.domain.clock import Clock
from backend.domain.errors import Conflict

T = TypeVar("T")
RETRIES = 3
RETRY_FIRST, RETRY_CAP = 0.01, 0.2  # seconds between retries (full jitter): twins part ways
BEGIN_ATTEMPTS = 3  # SQLite: a BEGIN refused as "database is locked" is tried on a new connection


class UnitOfWork:
    session: AsyncSession
    outbox: OutboxWriter

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self.clock = clock

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        if _is_sqlite(self._sessions):
            await self._begin_sqlite()
        self.outbox = OutboxWriter(self.session, self.clock)
        return self

    async def _begin_sqlite(self) -> None:
        """Take SQLite's write lock now (``BEGIN IMMEDIATE``, adapters.db). A connection that
        is refused it for the whole busy timeout while the lock is free to others has been
        seen under load (a 500 on a lease request): the connection is dropped and the BEGIN
        tried on a new one, after a jittered pause, at most ``BEGIN_ATTEMPTS`` times."""
        for attempt in range(BEGIN_ATTEMPTS):
            try:
                await self.session.connection()
                return
            except OperationalError as exc:
                await self.session.invalidate()
                if attempt == BEGIN_ATTEMPTS - 1 or "database is locked" not in str(exc):
                    raise
            await asyncio.sleep(jittered(attempt, RETRY_FIRST, RETRY_CAP))

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

    async def retried(self, work: Callable[[UnitOfWork], Awaitable[T]], *,
                      retry_on: tuple[type[Exception], ...] = (IntegrityError,),
                      attempts: int = RETRIES) -> T:
        """``work(uow)`` in its own transaction, committed; run again (fresh transaction) when
        it fails with one of ``retry_on`` — a concurrent twin won an insert — after a short
        jittered wait (domain.backoff), at most ``attempts`` times in all, then the error goes
        up."""
        for attempt in range(attempts):
            try:
                async with self() as uow:
                    result = await work(uow)
                    await uow.commit()
                    return result
            except retry_on:
                if attempt == attempts - 1:
                    raise
            await asyncio.sleep(jittered(attempt, RETRY_FIRST, RETRY_CAP))
        raise AssertionError("unreachable")


def _is_sqlite(sessions: async_sessionmaker[AsyncSession]) -> bool:
    bind = sessions.kw.get("bind")
    return bind is not None and bind.dialect.name == "sqlite"


__all__ = ["IntegrityError", "UnitOfWork", "UnitOfWorkFactory"]
