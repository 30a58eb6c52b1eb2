"""Engine creation; SQLite gets foreign keys, a busy timeout, IMMEDIATE transactions and
write-ahead logging (one fsync per commit instead of three to four: commits no longer
queue behind the disk, docs/performance.md; synchronous stays FULL, so a committed
message survives a power cut)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT = 10.0  # seconds a SQLite connection waits for the write lock; the unit of work
# tries a refused BEGIN again on a new connection (services.platform.uow)


def create_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT, **kwargs: Any) -> AsyncEngine:
    """Errors never carry SQL parameters (personal data, codes' hashes) into tracebacks
    and logs: ``hide_parameters`` (issue 19). ``busy_timeout``: SQLite only."""
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": busy_timeout}, **kwargs)
        _sqlite_transactions(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_transactions(engine: AsyncEngine) -> None:
    """Take the write lock when a transaction starts, so concurrent writers queue
    instead of failing with "database is locked" when upgrading a read lock."""

    @event.listens_for(engine.sync_engine, "connect")
    def _connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
