"""What every `avisa` subcommand shares: run one service call against DATABASE_URL, print
a table, turn an `AvisaError` into a message and exit code 1."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from backend.config import Settings
from backend.domain.errors import AvisaError
from backend.services.platform.uow import UnitOfWorkFactory

Job = Callable[[UnitOfWorkFactory], Awaitable[Any]]


def run_job(job: Job) -> Any:
    """Run one service call against DATABASE_URL; AvisaError → message and exit code 1."""
    from backend.adapters.db import create_engine, session_factory

    async def main() -> Any:
        settings = Settings.from_env()
        engine = create_engine(settings.database_url)
        try:
            return await job(UnitOfWorkFactory(session_factory(engine), settings.clock()))
        finally:
            await engine.dispose()

    return asyncio.run(main())


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def guarded(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except AvisaError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1

    return run
