"""Which incidents the duplicate check looks at: the customer's own, open ones; resolved
ones only to flag a recurrence; and the schema that holds them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import Incident, IncidentEvent
from backend.domain.dedupe import IncidentView
from backend.domain.dedupe.analysis import analyse
from backend.services.dedupe.config import load_config
from backend.services.dedupe.store import candidate_views
from tests.backend.dedupe.helpers import FIRST, SAME, english_conversation, report, sms_conversation
from tests.backend.helpers import applied_revisions, call


async def _views(url: str, clock: Any) -> list[IncidentView]:
    """C-1001's candidates now, read as the check reads them."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return await candidate_views(session, "C-1001", clock.now, load_config())
    finally:
        await engine.dispose()


async def test_another_customers_incident_is_never_a_candidate(
    client: Any, demo_db: str, clock: Any
) -> None:
    alice = await english_conversation(client)  # C-1002
    status, theirs = await report(client, alice, FIRST)
    assert status == 201, theirs
    marta = await sms_conversation(client)  # C-1001
    status, mine = await report(client, marta, FIRST)
    assert status == 201 and mine["outcome"] == "created" and mine["id"] != theirs["id"]
    views = await _views(demo_db, clock)
    assert [v.id for v in views] == [mine["id"]]


async def test_each_report_is_read_with_the_analysis_stored_when_it_was_filed(
    client: Any, demo_db: str, clock: Any
) -> None:
    """Issue 15 §4: the text analysis is stored with the report and read back with the
    candidates, so the check does not analyse their texts again."""
    sms = await sms_conversation(client)
    _, first = await report(client, sms, FIRST, equipment_id="EQ-0001")
    clock.advance(minutes=5)
    _, second = await report(client, sms, SAME)
    assert second["merged_into"] == first["id"]
    views = await _views(demo_db, clock)
    assert [(v.id, v.texts) for v in views] == [(first["id"], (FIRST, SAME))]
    assert views[0].analyses == (analyse(FIRST), analyse(SAME))


async def _resolve(url: str, incident_id: str, at: Any) -> None:
    """The technician's side is not built yet: resolve directly, with its event."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            incident = await session.get(Incident, incident_id)
            assert incident is not None
            session.add(IncidentEvent(incident_id=incident_id, kind="resolved",
                                      from_state=incident.state, to_state="resolved",
                                      actor="test", at=at))
            incident.state, incident.updated_at = "resolved", at
    finally:
        await engine.dispose()


async def test_resolved_incident_is_only_a_recurrence(client: Any, demo_db: str, clock: Any
                                                      ) -> None:
    sms = await sms_conversation(client)
    _, first = await report(client, sms, FIRST, equipment_id="EQ-0001")
    clock.advance(hours=2)
    await _resolve(demo_db, first["id"], clock.now)
    clock.advance(days=2)
    assert await sms_conversation(client) == sms  # they write again (actions act in session)
    status, again = await report(client, sms, SAME)
    assert status == 201 and again["outcome"] == "created"
    assert again["id"] != first["id"] and again["recurrence_of"] == first["id"]
    clock.advance(days=40)  # past the recurrence window: forgotten
    assert await sms_conversation(client) == sms
    status, later = await report(client, sms, "el compresor CMP-2291-X no arranca otra vez")
    assert status == 201 and later["outcome"] == "created" and later["recurrence_of"] is None


async def test_old_open_incident_is_not_merged_into(client: Any, clock: Any) -> None:
    sms = await sms_conversation(client)
    await report(client, sms, FIRST, equipment_id="EQ-0001")
    clock.advance(hours=load_config().open_window_hours + 1)
    assert await sms_conversation(client) == sms  # they write again (actions act in session)
    status, body = await report(client, sms, FIRST, equipment_id="EQ-0001")
    assert status == 201 and body["outcome"] == "created"


async def test_maintenance_requests_skip_the_check(client: Any) -> None:
    sms = await sms_conversation(client)
    for _ in range(2):
        status, _body = await report(client, sms, "revisión trimestral del compresor",
                                    equipment_id="EQ-0001", service_type="preventive")
        assert status == 201
    _, listed = await call(client, "GET", "/api/incidents", "agents")
    assert len(listed["incidents"]) == 2


async def test_dedupe_revision_is_a_head_with_its_tables(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            versions = set((await conn.execute(text("SELECT version_num FROM alembic_version")))
                           .scalars())
            counts = [
                (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar()
                for table in ("incident_reports", "incident_subscriptions", "pending_reports",
                              "incident_merges")
            ]
    finally:
        await engine.dispose()
    assert "0002" in applied_revisions(versions) and counts == [0, 0, 0, 0]



async def test_candidate_query_is_blocked_by_customer_through_the_index(
    client: Any, demo_db: str, clock: Any
) -> None:
    """Issue 15 §4: the duplicate check's reads never scan a table — the incidents by an
    index on the customer, their reports and events by incident — so its cost does not grow
    with the number of open incidents (SQLite's own query plans)."""
    if not demo_db.startswith("sqlite"):
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's (PostgreSQL plans tiny tables by cost)")
    sms = await sms_conversation(client)  # C-1001
    _, first = await report(client, sms, FIRST, equipment_id="EQ-0001")
    clock.advance(hours=2)
    await _resolve(demo_db, first["id"], clock.now)  # a recurrence candidate: events read
    assert (await report(client, sms, "la fotocopiadora no enciende"))[0] == 201
    engine = create_engine(demo_db)
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, tuple(parameters)))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with engine.connect() as conn:
            await candidate_views(AsyncSession(bind=conn), "C-1001", clock.now, load_config())
            queries = list(seen)
            plans = [" / ".join(str(row[-1]) for row in (await conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", parameters)).all())
                for statement, parameters in queries]
    finally:
        await engine.dispose()
    tables = {t: [p for p, (s, _) in zip(plans, queries, strict=True)
                  if re.search(rf"(FROM|JOIN) {t} ", s)]
              for t in ("incidents", "incident_reports", "incident_events")}
    assert all(tables.values()), tables  # each of the three reads ran
    # by an index that starts with the customer: ix_incidents_customer_state_updated (chosen
    # on the bench's analysed database, bench/dedupe.py prints it) or ix_incidents_customer_code
    assert all(re.search(r"SEARCH incidents USING INDEX ix_incidents_customer_\w+ "
                         r"\(customer_code=\?", p) for p in tables["incidents"]), tables

    assert not [p for p in plans if "SCAN " in p], plans
