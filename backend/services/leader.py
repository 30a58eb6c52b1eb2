"""One leader among replicas for the schedulers: a PostgreSQL session advisory lock held on
a dedicated connection for as long as the process lives. On SQLite the single process
leads. Losing the connection loses the lock; the next call tries again."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)
LOCK_KEY = 0x41564953  # "AVIS"


class Leader:
    def __init__(self, engine: AsyncEngine, key: int = LOCK_KEY) -> None:
        self._engine = engine
        self._key = key
        self._conn: AsyncConnection | None = None

    async def is_leader(self) -> bool:
        if self._engine.dialect.name != "postgresql":
            return True
        try:
            if self._conn is not None:
                await self._conn.execute(text("SELECT 1"))
                return True
            conn = await self._engine.connect()
            got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key})
            await conn.commit()
            if got:
                self._conn = conn
                log.info("scheduler: this replica leads")
                return True
            await conn.close()
        except SQLAlchemyError as exc:
            log.warning("scheduler: leadership check failed: %s", exc)
            await self.release()
        return False

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await conn.close()  # closing the session releases the advisory lock
            except SQLAlchemyError:
                pass
