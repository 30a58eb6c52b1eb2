"""A report on the machine a conversation reported on minutes ago (issue 13 §1: what is said
later is used): however different its words ("now it also smells burnt"), it is added to
that incident and may raise its priority; another machine, or the same one an hour later,
goes through the duplicate check as before."""

from __future__ import annotations

from typing import Any

from tests.backend.dedupe.helpers import report, reports_of, sms_conversation
from tests.backend.helpers import call


async def test_more_about_the_same_machine_joins_its_incident(client: Any, clock: Any) -> None:
    sms = await sms_conversation(client)
    status, first = await report(client, sms, "el compresor no llega a presion, va lento",
                                 equipment_id="EQ-0001", priority="medium")
    assert status == 201
    clock.advance(minutes=5)
    status, again = await report(client, sms, "y ahora ademas huele a quemado por detras",
                                 equipment_id="EQ-0001", priority="high")
    assert (status, again["outcome"], again["merged_into"]) == (200, "merged", first["id"])
    _, incident = await call(client, "GET", f"/api/incidents/{first['id']}", "agents")
    assert incident["priority"] == "high"
    decisions = [r["decision"] for r in (await reports_of(client, first["id"]))["reports"]]
    assert decisions == ["new", "conversation"]
    status, other = await report(client, sms, "la fotocopiadora atasca el papel",
                                 equipment_id="EQ-0002", priority="medium")
    assert (status, other["outcome"]) == (201, "created")


async def test_an_hour_later_the_duplicate_check_decides(client: Any, clock: Any) -> None:
    sms = await sms_conversation(client)
    _, first = await report(client, sms, "el compresor no llega a presion, va lento",
                            equipment_id="EQ-0001", priority="medium")
    clock.advance(minutes=61)
    await report(client, sms, "la correa del ventilador chirria al arrancar",
                 equipment_id="EQ-0001", priority="medium")
    decisions = [r["decision"] for r in (await reports_of(client, first["id"]))["reports"]]
    assert "conversation" not in decisions
