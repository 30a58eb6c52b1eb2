"""Readable ids from a counter row: UPDATE … RETURNING holds the row lock until commit,
so concurrent transactions on PostgreSQL and SQLite never get the same number."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Counter
from backend.domain.ids import PREFIXES, format_id

COUNTER_NAMES = tuple(PREFIXES)


async def next_number(session: AsyncSession, name: str) -> int:
    result = await session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    value = result.scalar_one_or_none()
    if value is None:
        raise LookupError(f"counter '{name}' missing: run `avisa db upgrade`")
    return value


async def next_id(session: AsyncSession, kind: str) -> tuple[str, int]:
    number = await next_number(session, kind)
    return format_id(kind, number), number
