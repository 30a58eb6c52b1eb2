"""Which incidents the duplicate check looks at: the customer's own, open ones; resolved
ones only to flag a recurrence; and the schema that holds them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import Incident, IncidentEvent
from backend.services.dedupe.config import load_config
from backend.services.dedupe.store import candidate_views
from tests.backend.dedupe.helpers import FIRST, SAME, english_conversation, report, sms_conversation
from tests.backend.helpers import call


async def test_another_customers_incident_is_never_a_candidate(
    client: Any, demo_db: str, clock: Any
) -> None:
    alice = await english_conversation(client)  # C-1002
    status, theirs = await report(client, alice, FIRST)
    assert status == 201, theirs
    marta = await sms_conversation(client)  # C-1001
    status, mine = await report(client, marta, FIRST)
    assert status == 201 and mine["outcome"] == "created" and mine["id"] != theirs["id"]
    engine = create_engine(demo_db)
    try:
        async with session_factory(engine)() as session:
            views = await candidate_views(session, "C-1001", clock.now, load_config())
    finally:
        await engine.dispose()
    assert [v.id for v in views] == [mine["id"]]


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
    assert "0002" in versions and counts == [0, 0, 0, 0]
