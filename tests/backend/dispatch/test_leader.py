"""One scheduler leader among replicas: a PostgreSQL session advisory lock on a dedicated
connection. Two real "replicas" (two engines, two scheduler loops) on one database: only
the leader ticks; when the leader's connection dies, or the leader stops, the other takes
over. On SQLite there is a single process, which always leads."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from backend.adapters.db import create_engine, session_factory
from backend.api import scheduler_loop
from backend.api.keys import CLOCK, UOWS
from backend.domain.clock import utcnow
from backend.services.platform import scheduler
from backend.services.platform.leader import Leader
from backend.services.platform.uow import UnitOfWorkFactory


@pytest.fixture
async def engines(db_url: str) -> AsyncIterator[list[AsyncEngine]]:
    made = [create_engine(db_url) for _ in range(3)]  # replica a, replica b, an observer
    yield made
    for engine in made:
        await engine.dispose()


def key() -> int:
    return random.randint(1, 2**31 - 1)  # a test's own lock key


async def holder(observer: AsyncEngine, lock: int) -> int | None:
    """The server process id holding the advisory lock `lock`, or None."""
    async with observer.connect() as conn:
        return await conn.scalar(text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = 0 AND objid = :k"), {"k": lock})


async def kill(observer: AsyncEngine, pid: int) -> None:
    async with observer.connect() as conn:
        assert await conn.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    for _ in range(100):  # the server ends the session (and frees its locks) shortly after
        async with observer.connect() as conn:
            if not await conn.scalar(text("SELECT count(*) FROM pg_stat_activity "
                                          "WHERE pid = :p"), {"p": pid}):
                return
        await asyncio.sleep(0.05)


async def states(observer: AsyncEngine) -> list[str]:
    async with observer.connect() as conn:
        return list((await conn.execute(text(
            "SELECT state FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"))).scalars())


async def test_one_leader_then_the_other_takes_over(db_url: str,
                                                   engines: list[AsyncEngine]) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("advisory locks are PostgreSQL's")
    a_engine, b_engine, observer = engines
    lock = key()
    a, b = Leader(a_engine, lock), Leader(b_engine, lock)
    assert [await a.is_leader(), await b.is_leader()] == [True, False]
    for _ in range(3):  # stable: the leader keeps it, the other keeps asking in vain
        assert [await b.is_leader(), await a.is_leader()] == [False, True]
    pid = await holder(observer, lock)
    assert pid is not None
    assert "idle in transaction" not in await states(observer)  # no transaction held open

    await kill(observer, pid)  # the leader's connection dies (network, server restart…)
    assert await b.is_leader() is True
    assert await a.is_leader() is False  # a notices, and follows
    new_pid = await holder(observer, lock)
    assert new_pid is not None and new_pid != pid

    await b.release()  # b shuts down cleanly: the lock is freed at once, not kept in a pool
    assert await holder(observer, lock) is None
    assert await a.is_leader() is True
    await a.release()


async def test_only_the_leaders_scheduler_loop_ticks(db_url: str, engines: list[AsyncEngine],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("advisory locks are PostgreSQL's")
    ticks: list[str] = []

    async def counted(uows: UnitOfWorkFactory, now: datetime, **kw: Any) -> dict[str, Any]:
        ticks.append(replica_of[id(uows)])
        return {}

    monkeypatch.setattr(scheduler, "tick", counted)
    lock, replica_of, loops, leaders = key(), {}, {}, {}
    for name, engine in zip("ab", engines, strict=False):
        app = web.Application()
        app[UOWS] = UnitOfWorkFactory(session_factory(engine), utcnow)
        app[CLOCK] = utcnow
        replica_of[id(app[UOWS])] = name
        leaders[name] = Leader(engine, lock)
        loops[name] = asyncio.create_task(scheduler_loop._loop(app, leaders[name], 0.02))
    try:
        await asyncio.sleep(0.5)
        assert len(ticks) >= 5 and set(ticks) == {ticks[0]}  # one replica ticks, always
        first = ticks[0]
        other = "b" if first == "a" else "a"
        pid = await holder(engines[2], lock)
        assert pid is not None
        await kill(engines[2], pid)
        ticks.clear()
        await asyncio.sleep(0.5)
        assert ticks and ticks[-1] == other and ticks.count(first) == 0
    finally:
        for task in loops.values():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for leader in leaders.values():
            await leader.release()


async def test_sqlite_single_process_always_leads(db_url: str,
                                                  engines: list[AsyncEngine]) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    a, b = Leader(engines[0]), Leader(engines[1])
    assert [await a.is_leader(), await b.is_leader()] == [True, True]
    await a.release()  # nothing to free
    assert await a.is_leader() is True
