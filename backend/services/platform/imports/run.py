"""Import files (the CLI) or a JSON document (the API): check all, then write all in one
transaction, or raise :class:`ImportRejected` with every problem and write nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from backend.adapters.db import create_engine, session_factory
from backend.domain.clock import Clock, utcnow
from backend.domain.errors import InvalidRequest
from backend.services.platform.imports.check import check_references, convert
from backend.services.platform.imports.read import Problem, Rows, read_document, read_paths
from backend.services.platform.imports.write import write
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

DEFAULT_ZONE = "Europe/Madrid"  # times written without an offset are read here


class ImportRejected(InvalidRequest):
    """Bad rows: nothing was imported. ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"nothing imported: {len(problems)} problem(s)",
                         problems=[p.as_dict() for p in problems])
        self.problems = problems


async def import_rows(uow: UnitOfWork, rows: Rows, zone: str = DEFAULT_ZONE
                      ) -> dict[str, int]:
    plan = convert(rows, ZoneInfo(zone))
    await check_references(uow.session, plan)
    if plan.problems:
        raise ImportRejected(plan.problems)
    return await write(uow, plan, uow.clock())


async def import_files(database_url: str, paths: list[Path], clock: Clock = utcnow,
                       zone: str = DEFAULT_ZONE) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        async with UnitOfWorkFactory(session_factory(engine), clock)() as uow:
            counts = await import_rows(uow, read_paths(paths), zone)
            await uow.commit()
        return counts
    finally:
        await engine.dispose()


async def import_document(uows: UnitOfWorkFactory, document: dict[str, Any],
                          zone: str = DEFAULT_ZONE) -> dict[str, Any]:
    rows = Rows()
    read_document(rows, "body", document)
    async with uows() as uow:
        counts = await import_rows(uow, rows, zone)
        await uow.commit()
    return {"imported": counts}
