"""The daily rollups (services/platform/reports/rollups.py) give every report exactly the
figures of the detail rows, and a change after a refresh shows after the next one — on the
hand-made December 2025 (fixture.py), SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from backend.adapters.orm import Message
from backend.adapters.orm.agents import Handoff
from backend.adapters.orm.dispatch import SlaTimerRow
from backend.services.platform.reports import rollups
from backend.services.platform.reports.catalog import REPORTS
from backend.services.platform.reports.filters import parse_filters
from backend.services.platform.reports.run import report
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.reports.fixture import NOW, PERIOD, utc

# a whole month; edge days only; a whole year; months and edges (Nov 15 - Jan 15); each
# rolled-up scope (a channel, a queue, a channel with a queue); a customer (read from the
# detail rows either way)
QUERIES: list[dict[str, str]] = [
    PERIOD, {"from": "2025-12-03", "to": "2025-12-21"}, {"from": "2025-01-01", "to": "2025-12-31"},
    {"from": "2025-11-15", "to": "2026-01-15"},
    {**PERIOD, "channel": "web"}, {**PERIOD, "queue": "general"},
    {"from": "2025-10-01", "to": "2026-01-31", "queue": "urgent"},  # a quarter and a month
    {**PERIOD, "customer": "C-1001"}, {**PERIOD, "channel": "sms", "queue": "general"},
]


async def both(uows: UnitOfWorkFactory, name: str, query: dict[str, str]
               ) -> tuple[dict[str, Any], dict[str, Any]]:
    return (await report(uows, name, query), await report(uows, name, query, rollups=False))


async def test_rollups_give_the_figures_of_the_detail_rows(uows):
    assert await rollups.refresh_rollups(uows) >= 10  # never built: every day with rows
    async with uows() as uow:  # the rollups do answer (not the detail rows again)
        f = parse_filters(PERIOD, NOW.date())
        assert (await rollups.read(uow, "sla", f) or {})["counts"]["response"]["all"][""][0] == 5
        pair = parse_filters({**PERIOD, "channel": "sms", "queue": "general"}, NOW.date())
        sms_general = await rollups.read(uow, "sla", pair) or {}  # a scope of its own: INC-1
        assert sms_general["counts"]["response"]["all"][""][0] == 1
    for query in QUERIES:
        for name in REPORTS:
            rolled, detail = await both(uows, name, query)
            assert rolled == detail, (name, query)


async def test_a_change_shows_after_the_next_tick(uows):
    await rollups.refresh_rollups(uows)
    before = {name: (await both(uows, name, PERIOD))[0] for name in ("sla", "channels", "bot")}
    async with uows() as uow:  # a customer message, a timer met, a conversation handed over
        uow.session.add(Message(id="M-A9", seq=99, conversation_id="CONV-A", direction="in",
                                channel="sms", text="…", created_at=utc(2025, 12, 6, 10)))
        await uow.session.execute(
            update(SlaTimerRow).where(SlaTimerRow.incident_id == "INC-00002",
                                      SlaTimerRow.kind == "resolution")
            .values(met_at=utc(2025, 12, 15, 16)))
        uow.session.add(Handoff(conversation_id="CONV-A", kind="live", reason="complain",
                                queue="general", state="closed", slots={}, agent_slots={},
                                requested_at=utc(2025, 12, 5, 17, 30)))
        await uow.commit()
    for name in ("channels", "bot"):  # the rollups wait for the scheduler (the SLA's
        assert (await both(uows, name, PERIOD))[0] == before[name]  # overdue is live)
    assert 0 < await rollups.refresh_rollups(uows) <= 6  # only the marked days (and next)
    for name, old in before.items():
        rolled, detail = await both(uows, name, PERIOD)
        assert rolled == detail != old, name
    sla = (await both(uows, "sla", PERIOD))[0]
    assert sla["totals"]["resolution"]["on_time"] == 2  # INC-2's resolution, met in time
    channels = (await both(uows, "channels", PERIOD))[0]
    assert {"channel": "sms", "messages": 3} in channels["messages_by_channel"]
    assert await rollups.refresh_rollups(uows) == 0  # nothing marked any more
    async with uows() as uow:
        assert (await uow.session.execute(select(rollups.ReportDirtyDay))).first() is None


async def test_timers_fallen_due_after_a_refresh_are_overdue(uows, clock):
    clock.set(utc(2025, 12, 14, 12))  # before INC-2's resolution falls due (15 Dec, 18:00)
    await rollups.refresh_rollups(uows)
    clock.set(NOW)
    rolled, detail = await both(uows, "sla", PERIOD)  # read live since the cutoff
    assert rolled == detail and rolled["totals"]["resolution"]["overdue"] == 1
    assert await rollups.refresh_rollups(uows) >= 1  # its day, counted in the rollups now
    rolled, detail = await both(uows, "sla", PERIOD)
    assert rolled == detail and rolled["breaches"]["total"] == 3
