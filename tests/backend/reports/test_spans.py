"""The business time of met SLA timers stored by the scheduler (sla_timers.business_seconds,
reports/spans.py): the SLA report's median and p90 are the same before the scheduler has
stored them (computed by the report) and after (counted in SQL), a stored value is the
hand-counted covered time, and a second refresh has nothing left to do."""

from __future__ import annotations

from sqlalchemy import select

from backend.adapters.orm.dispatch import SlaTimerRow
from backend.services.platform import scheduler
from backend.services.platform.reports.spans import refresh_spans
from tests.backend.reports.test_figures import run


async def _stored(uows, incident: str, kind: str) -> int | None:
    async with uows() as uow:
        return (await uow.session.execute(select(SlaTimerRow.business_seconds).where(
            SlaTimerRow.incident_id == incident, SlaTimerRow.kind == kind))).scalar_one()


async def test_stored_spans_give_the_same_figures(uows):
    before = (await run(uows, "sla"))["business_time"]
    assert await _stored(uows, "INC-00001", "response") is None
    filled = 0
    while True:  # batches of 2, as the scheduler does in batches of BATCH
        done = await refresh_spans(uows, batch=2)
        if not done:
            break
        filled += done
    assert filled == 9  # the met timers of the fixture (tests/backend/reports/fixture.py)
    # INC-1: Fri 5 Dec 17:00 → Tue 9 Dec 09:30 on mon-fri 08-18, Mon 8 Dec a holiday:
    # Friday 60 + Tuesday 90 covered minutes
    assert await _stored(uows, "INC-00001", "response") == 150 * 60
    # INC-4 without a contract (24x7): Sun 14 Dec 23:00 → Mon 01:30
    assert await _stored(uows, "INC-00004", "response") == 150 * 60
    assert await _stored(uows, "INC-00002", "resolution") is None  # not met: nothing stored
    assert (await run(uows, "sla"))["business_time"] == before
    assert await refresh_spans(uows) == 0


async def test_the_scheduler_tick_fills_them(uows, clock):
    result = await scheduler.tick(uows, clock(), maintenance=False)
    assert result["report_spans"] == 9
    assert await _stored(uows, "INC-00003", "resolution") == 1860 * 60
