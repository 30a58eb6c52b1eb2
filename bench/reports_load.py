"""Where the reports benchmark's year lives: a SQLite file under var/bench/ and a PostgreSQL
database, both named by the data's size and the generator's code, made once (bulk
executemany on SQLite, COPY on PostgreSQL) and reused while neither changes. Each run brings
a cached year to the current schema (the migrations it lacks, as a deployment would) and does
what the scheduler would have done since (met timers' business time, the reports' daily
rollups), which is quick when nothing changed."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import asyncpg

from backend.adapters.db import create_engine, session_factory
from backend.adapters.migrate import upgrade
from backend.paths import ROOT
from backend.services.platform.reports.rollups import refresh_rollups
from backend.services.platform.reports.spans import refresh_spans
from backend.services.platform.uow import UnitOfWorkFactory
from bench.reports_data import Size, generate

CACHE = ROOT / "var" / "bench"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
NOW = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


GENERATOR = (ROOT / "bench" / "reports_data.py", ROOT / "bench" / "reports_incidents.py")


def data_key() -> str:
    """Changes with the generator's code: the same code makes the same year."""
    digest = hashlib.sha256()
    for path in GENERATOR:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


async def _scheduled(url: str) -> None:
    """What the scheduler does over the year: the met timers' business time stored, the
    reports' daily rollups built (in full the first time: minutes for a year; cached)."""
    engine = create_engine(url)
    uows = UnitOfWorkFactory(session_factory(engine), lambda: NOW)
    try:
        while await refresh_spans(uows, batch=20_000):
            pass
        await refresh_rollups(uows)
    finally:
        await engine.dispose()


def _current(url: str) -> str:
    """A cached year brought to the current schema and the scheduler's work done."""
    upgrade(url)
    asyncio.run(_scheduled(url))
    return url


def _naive_utc(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")  # every generated instant is UTC


def sqlite_year(size: Size) -> tuple[str, float | None]:
    """The SQLAlchemy URL of the cached file, and the seconds taken to make it (None: cached)."""
    path = CACHE / f"reports-{size.key}-{data_key()}.db"
    url = f"sqlite+aiosqlite:///{path}"
    if path.exists():
        return _current(url), None
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    upgrade(f"sqlite+aiosqlite:///{partial}")
    sqlite3.register_adapter(datetime, _naive_utc)
    sqlite3.register_adapter(date, date.isoformat)
    sqlite3.register_adapter(Decimal, str)
    db = sqlite3.connect(partial)
    try:
        db.execute("PRAGMA synchronous=OFF")
        with db:
            for table, columns, rows in generate(size):
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        db.execute("ANALYZE")
    finally:
        db.close()
    partial.rename(path)
    return _current(url), time.perf_counter() - started


async def _pg_load(name: str, size: Size) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/{name}")
    try:
        async with conn.transaction():
            for table, columns, rows in generate(size):
                await conn.copy_records_to_table(table, records=rows, columns=list(columns))
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def _pg_exists(name: str) -> bool | None:
    """None: no PostgreSQL answers."""
    try:
        conn = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=5)
    except (OSError, asyncpg.PostgresError):
        return None
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await conn.close()


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def postgres_year(size: Size) -> tuple[str | None, float | None]:
    """The URL of the cached database (None when no PostgreSQL answers on 127.0.0.1:5432) and
    the seconds taken to make it (None: cached). A half-made one is dropped and made again."""
    name = f"avisa_bench_reports_{size.key.replace('-', '_')}_{data_key()}"
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    exists = asyncio.run(_pg_exists(name))
    if exists is None:
        return None, None
    if exists:
        return _current(url), None
    started = time.perf_counter()
    partial = name + "_partial"
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{partial}"'))
    asyncio.run(_pg_admin(f'CREATE DATABASE "{partial}"'))
    upgrade(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{partial}")
    asyncio.run(_pg_load(partial, size))
    asyncio.run(_pg_admin(f'ALTER DATABASE "{partial}" RENAME TO "{name}"'))
    return _current(url), time.perf_counter() - started


def cached_files() -> list[Path]:
    return sorted(CACHE.glob("reports-*.db"))
