"""The business time of met SLA timers (from the incident to the timer's being met, in the
covered hours and holidays of the timer's contract; 24x7 Madrid without one), kept on the
timer as `sla_timers.business_seconds` so the SLA report reads its medians and p90 from a
grouped SQL count instead of a year of calendars. The scheduler fills the timers met since
its last tick (`refresh_spans`); the report computes itself the few not filled yet."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from backend.adapters.orm import Contract
from backend.adapters.orm.dispatch import SlaTimerRow
from backend.domain.coverage import CoveredHours
from backend.services.contracts.versions import contract_data
from backend.services.coverage.sla import contract_calendar
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

BATCH = 2000


async def _calendars(uow: UnitOfWork, ids: set[str]) -> dict[str, Any]:
    rows = (await uow.session.execute(select(Contract).where(Contract.id.in_(ids)))).scalars()
    return {d.id: d for d in await contract_data(uow.session, rows, uow.clock())}


async def business_seconds(uow: UnitOfWork, rows: list[Any]) -> list[int]:
    """Whole covered seconds from `start` to `met_at` of each row (with `contract_id`)."""
    contracts = await _calendars(uow, {r.contract_id for r in rows if r.contract_id})
    cache: dict[tuple[str | None, date], CoveredHours] = {}
    out = []
    for r in rows:
        key = (r.contract_id, r.start.date())
        if key not in cache:
            cache[key] = contract_calendar(contracts.get(r.contract_id or ""), r.start.date())
        out.append(int(cache[key].between(r.start, r.met_at).total_seconds()))
    return out


async def refresh_spans(uows: UnitOfWorkFactory, batch: int = BATCH) -> int:
    """Fill `business_seconds` of up to `batch` met timers that have none; how many."""
    async with uows() as uow:
        rows = list((await uow.session.execute(
            select(SlaTimerRow).where(SlaTimerRow.met_at.is_not(None),
                                      SlaTimerRow.business_seconds.is_(None))
            .order_by(SlaTimerRow.id).limit(batch))).scalars())
        for row, seconds in zip(rows, await business_seconds(uow, rows), strict=True):
            row.business_seconds = seconds
        await uow.commit()
        return len(rows)
