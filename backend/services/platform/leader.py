"""One leader among replicas for the schedulers: a PostgreSQL session advisory lock held on
a dedicated connection for as long as the process lives. On SQLite the single process
leads. Losing the connection loses the lock (the server frees it when the session ends);
the next call tries again, and another replica may have taken over meanwhile.

The dedicated connection is left idle between checks (each check commits), never "idle in
transaction"; `release()` unlocks explicitly and drops the connection rather than handing
it back to the pool, where it would keep the lock."""

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
                await self._conn.execute(text("SELECT 1"))  # still connected: still ours
                await self._conn.commit()
                return True
            conn = await self._engine.connect()
            try:
                got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"),
                                        {"k": self._key})
                await conn.commit()
            except BaseException:
                await conn.invalidate()
                raise
            if got:
                self._conn = conn
                log.info("scheduler: this replica leads")
                return True
            await conn.close()
        except SQLAlchemyError as exc:
            log.warning("scheduler: leadership check failed (lost or not taken): %s", exc)
            await self.release()
        return False

    async def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key})
            await conn.commit()
        except SQLAlchemyError:
            pass  # the connection is gone, and the lock with it
        finally:
            try:
                await conn.invalidate()  # never back to the pool with the lock
                await conn.close()
            except SQLAlchemyError:
                pass
