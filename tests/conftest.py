"""Shared fixtures: database URLs (SQLite and PostgreSQL), tokens, a settable clock and a
backend test client. Integration tests take `db_url` and run on both engines."""

from __future__ import annotations

import asyncio
import shutil
import uuid
import warnings
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from backend.adapters.db import create_engine
from backend.adapters.migrate import upgrade
from backend.adapters.orm import Base
from backend.config import Settings
from tests.helpers.clock import SettableClock

PG_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432"


class FakeClock(SettableClock):
    """A clock tests can move (`clock.advance(minutes=11)`); by default a Monday 11:00 in
    Madrid, the moment these tests were written for."""

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__(now or datetime(2025, 6, 2, 9, 0, tzinfo=UTC))


def _sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def _in_thread(fn: Any, *args: Any) -> Any:
    """Run blocking setup (which may call asyncio.run) even from inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def _pg(sql: str, timeout: float = 60) -> None:
    asyncio.run(asyncio.wait_for(_pg_admin(sql), timeout))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.db"
    _in_thread(upgrade, _sqlite_url(path))
    return path


async def _pg_admin(sql: str) -> None:
    engine = create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(sql))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    """A fresh database for the session, migrated to head; None when no server answers."""
    name = f"avisa_test_{uuid.uuid4().hex[:10]}"
    try:
        _in_thread(_pg, f'CREATE DATABASE "{name}"')
    except (OSError, TimeoutError):
        yield None
        return
    url = f"{PG_SERVER}/{name}"
    try:
        _in_thread(upgrade, url)
        yield url
    finally:
        try:
            _in_thread(_pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except (OSError, TimeoutError) as exc:  # a leftover test database is not a test failure
            warnings.warn(f"could not drop the test database {name}: {exc!r}", stacklevel=1)


async def _pg_reset(url: str) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables if t.name != "counters")
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            await conn.execute(text("UPDATE counters SET value = 0"))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> AsyncIterator[str]:
    """An empty database at head: a copy of the SQLite template, or the session's
    PostgreSQL database truncated."""
    if request.param == "sqlite":
        path = tmp_path / "avisa.db"
        shutil.copy(sqlite_template, path)
        yield _sqlite_url(path)
        return
    url = request.getfixturevalue("pg_database")
    if url is None:
        pytest.skip("PostgreSQL: nothing answers on 127.0.0.1:5432")
    await _pg_reset(url)
    yield url


TOKENS = {role: f"test-token-{role}"
          for role in ("actions", "gateway", "agents", "admin", "manager")}


@pytest.fixture
def tokens() -> dict[str, str]:
    return dict(TOKENS)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str]) -> Settings:
    return Settings(database_url=db_url, tokens=tokens)


@pytest.fixture
async def backend_client(aiohttp_client, backend_settings: Settings, clock: FakeClock):  # type: ignore[no-untyped-def]
    from backend.bootstrap import create_app

    return await aiohttp_client(create_app(backend_settings, clock=clock))
