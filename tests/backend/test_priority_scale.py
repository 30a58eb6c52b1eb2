"""The priority scale low / medium / high / critical (issue 13 §8): the old ``normal`` is
migrated and still read as medium; a merged report that is more urgent raises its incident."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from backend.adapters.db import create_engine
from backend.adapters.migrate import upgrade_engine
from backend.domain.incident import Priority, raised_priority
from tests.backend.dedupe.helpers import (
    FIRST,
    SAME,
    report,
    reports_of,
    sms_conversation,
    web_conversation,
)
from tests.backend.helpers import call

OLD_HOURS = {"critical": 4, "high": 8, "normal": 24, "low": 72}


def test_the_scale_and_the_old_name() -> None:
    assert [p.value for p in Priority] == ["low", "medium", "high", "critical"]
    assert Priority("normal") is Priority.MEDIUM
    assert raised_priority("medium", "high") == "high"
    assert raised_priority("normal", "critical") == "critical"
    assert raised_priority("high", "medium") is None
    assert raised_priority("high", "high") is None


async def test_migration_renames_normal_to_medium_everywhere(tmp_path: Any) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade_engine(engine, "0002")
        await upgrade_engine(engine, "0003")
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO customers (code, name, language) "
                                    "VALUES ('C-1', 'Talleres', 'es')"))
            await conn.execute(text(
                "INSERT INTO incidents (id, customer_code, symptom, priority, service_type, "
                "state, channel, created_at, updated_at, version) VALUES "
                "('INC-00001', 'C-1', 'x', 'normal', 'corrective', 'new', 'sms', "
                "'2026-01-01', '2026-01-01', 1), ('INC-00002', 'C-1', 'y', 'high', "
                "'corrective', 'new', 'sms', '2026-01-01', '2026-01-01', 1)"))
            await conn.execute(text(
                "INSERT INTO contracts (id, customer_code, type, incident_types, covered_hours, "
                "response_hours, resolution_hours, price, billing, start, state) VALUES "
                "('CT-1', 'C-1', 'full', '[]', '{}', :h, :h, 10, 'monthly', '2026-01-01', "
                "'active')"), {"h": json.dumps(OLD_HOURS)})
            await conn.execute(text(
                "INSERT INTO contract_versions (contract_id, number, kind, valid_from, terms, "
                "created_at) VALUES ('CT-1', 1, 'initial', '2026-01-01', :t, '2026-01-01')"),
                {"t": json.dumps({"type": "full", "response_hours": OLD_HOURS})})
        await upgrade_engine(engine)
        async with engine.connect() as conn:
            priorities = dict((await conn.execute(
                text("SELECT id, priority FROM incidents"))).all())
            hours = (await conn.execute(text("SELECT response_hours FROM contracts"))).scalar()
            terms = (await conn.execute(text("SELECT terms FROM contract_versions"))).scalar()
    finally:
        await engine.dispose()
    assert priorities == {"INC-00001": "medium", "INC-00002": "high"}
    medium = {"critical": 4, "high": 8, "medium": 24, "low": 72}
    assert json.loads(hours) == medium
    assert json.loads(terms) == {"type": "full", "response_hours": medium}


async def test_the_old_name_is_taken_as_medium_and_others_refused(client: Any) -> None:
    cid = await sms_conversation(client)
    status, inc = await report(client, cid, FIRST, priority="normal")
    assert status == 201 and inc["priority"] == "medium"
    status, body = await report(client, cid, "otra cosa distinta", priority="urgentish")
    assert status == 400, body


async def test_a_more_urgent_merged_report_raises_the_priority(client: Any, clock: Any) -> None:
    web = await web_conversation(client)
    status, first = await report(client, web, FIRST, equipment_id="EQ-0001", priority="medium")
    assert status == 201 and first["priority"] == "medium"
    clock.advance(minutes=10)
    sms = await sms_conversation(client)
    status, merged = await report(client, sms, SAME, priority="critical")
    assert status == 200 and merged["outcome"] == "merged", merged
    assert merged["priority"] == "critical"
    events = (await reports_of(client, first["id"]))["events"]
    assert [e["note"] for e in events if e["kind"] == "priority_raised"] == [
        "priority medium→critical (sms report)"]


async def test_a_less_urgent_merged_report_never_lowers_it(client: Any, clock: Any) -> None:
    web = await web_conversation(client)
    _, first = await report(client, web, FIRST, equipment_id="EQ-0001", priority="high")
    clock.advance(minutes=10)
    sms = await sms_conversation(client)
    status, merged = await report(client, sms, SAME, priority="low")
    assert status == 200 and merged["outcome"] == "merged", merged
    _, now = await call(client, "GET", f"/api/incidents/{first['id']}", "agents")
    assert now["priority"] == "high"
