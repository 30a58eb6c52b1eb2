"""SQLite's write lock and the unit of work (services.platform.uow): a BEGIN refused for the
whole busy timeout is tried again on a new connection, a bounded number of times.

Under load a pooled aiosqlite connection has been seen refused ``BEGIN IMMEDIATE`` for the
whole busy timeout while a fresh connection took the lock at once (a 500 on
``POST /api/mail/lease`` with 8 replicas asking together). Here a real second connection
holds the lock longer than the busy timeout, as another process (the CLI, a billing run)
would."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from backend.adapters.db import create_engine, session_factory
from backend.services.platform.uow import UnitOfWorkFactory
from tests.conftest import FakeClock

BUSY = 0.2  # seconds: the engine's busy timeout in these tests


def _holder(path: Path) -> sqlite3.Connection:
    """Another connection that takes the write lock and keeps it."""
    held = sqlite3.connect(path, isolation_level=None, timeout=5)
    held.execute("BEGIN IMMEDIATE")
    return held


async def _write(uows: UnitOfWorkFactory) -> int:
    async with uows() as uow:
        await uow.session.execute(text("UPDATE counters SET value = value + 1"))
        await uow.commit()
    async with uows() as uow:
        found = await uow.session.execute(text("SELECT max(value) FROM counters"))
        return int(found.scalar_one())


@pytest.fixture
def db_path(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "avisa.db"
    shutil.copy(sqlite_template, path)
    return path


async def test_a_lock_held_past_the_busy_timeout_is_waited_out_on_new_connections(
    db_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}", busy_timeout=BUSY)
    uows = UnitOfWorkFactory(session_factory(engine), FakeClock())
    held = _holder(db_path)
    try:
        # one busy timeout alone is not enough: a plain connection is refused
        async with engine.connect() as plain:
            with pytest.raises(OperationalError, match="database is locked"):
                await plain.execute(text("SELECT 1"))
        release = asyncio.get_running_loop().call_later(BUSY * 1.5, held.rollback)
        assert await _write(uows) >= 1  # the second or third BEGIN gets the lock
        release.cancel()
    finally:
        held.close()
        await engine.dispose()


async def test_a_lock_never_released_gives_up_after_the_attempts(db_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{db_path}", busy_timeout=BUSY)
    uows = UnitOfWorkFactory(session_factory(engine), FakeClock())
    held = _holder(db_path)
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            await _write(uows)
    finally:
        held.close()
        await engine.dispose()
    async with engine.connect() as after:  # nothing left locked behind: a new BEGIN works
        assert (await after.execute(text("SELECT 1"))).scalar_one() == 1
    await engine.dispose()
