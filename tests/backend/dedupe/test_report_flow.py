"""ReportProblem with its duplicate check, over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.backend.dedupe.helpers import (
    DOUBTFUL,
    FIRST,
    SAME,
    answer,
    claim,
    english_conversation,
    report,
    reports_of,
    sms_conversation,
    web_conversation,
)
from tests.backend.helpers import call


async def test_web_chat_and_sms_colleague_end_in_one_incident(client: Any, clock: Any) -> None:
    web = await web_conversation(client)  # Pedro, verified with a code
    status, first = await report(client, web, FIRST, equipment_id="EQ-0001")
    assert status == 201 and first["outcome"] == "created" and first["id"] == "INC-00001"
    clock.advance(minutes=10)
    sms = await sms_conversation(client)  # Marta, known by her phone
    status, merged = await report(client, sms, SAME)
    assert status == 200 and merged["outcome"] == "merged"
    assert merged["merged_into"] == merged["id"] == "INC-00001"
    assert merged["first_report"]["channel"] == "web"
    assert merged["first_report"]["channel_name"] == {"es": "el chat web", "en": "web chat"}
    assert merged["first_report"]["local_time"] == "11:00"  # 09:00 UTC in Madrid, summer
    assert merged["summary"] == FIRST and merged["equipment"]["id"] == "EQ-0001"
    detail = await reports_of(client, "INC-00001")
    assert [(r["channel"], r["text"], r["decision"]) for r in detail["reports"]] == [
        ("web", FIRST, "new"), ("sms", SAME, "merged")]
    assert detail["reports"][1]["address"] == "+34976123456"
    assert detail["reports"][1]["at"] == "2025-06-02T09:10:00+00:00"
    assert {(s["channel"], s["address"]) for s in detail["subscriptions"]} == {
        ("web", "web-session-1"), ("sms", "+34976123456")}
    _, listed = await call(client, "GET", "/api/incidents", "agents")
    assert len(listed["incidents"]) == 1

    await claim(client)  # the one-time code is out of the way
    status, assigned = await call(client, "POST", "/api/incidents/INC-00001/assign", "agents",
                                  json={"technician_id": "T-01", "agent": "Lucía"})
    assert status == 200 and assigned["state"] == "assigned" and assigned["notified"] == 2
    told = {(i["channel"], i["address"], i["text"]) for i in await claim(client)
            if i["kind"] == "incident_assigned"}
    text = "Avisa: Técnico Javier R. asignado a INC-00001."
    assert told == {("web", "web-session-1", text), ("sms", "+34976123456", text)}


async def test_assignment_is_told_in_each_subscribers_language(client: Any) -> None:
    cid = await english_conversation(client)
    status, created = await report(client, cid, "The cold room FRG-7781 is not cooling")
    assert status == 201
    await call(client, "POST", f"/api/incidents/{created['id']}/assign", "admin",
               json={"technician_id": "T-01"})
    texts = [i["text"] for i in await claim(client) if i["kind"] == "incident_assigned"]
    assert texts == [f"Avisa: Technician Javier R. assigned to {created['id']}."]
    status, _ = await call(client, "POST", f"/api/incidents/{created['id']}/assign", "actions",
                              json={"technician_id": "T-01"})
    assert status == 403
    status, _body = await call(client, "POST", f"/api/incidents/{created['id']}/assign", "agents",
                              json={"technician_id": "T-99"})
    assert status == 404


async def _asked(client: Any, clock: Any) -> tuple[str, dict[str, Any]]:
    web = await web_conversation(client)
    await report(client, web, FIRST, equipment_id="EQ-0001")
    clock.advance(hours=6)  # another sender, hours later, other words: doubtful, so asked
    sms = await sms_conversation(client)
    status, asked = await report(client, sms, DOUBTFUL)
    assert status == 200 and asked["outcome"] == "ask", asked
    assert asked["candidate"]["id"] == "INC-00001" and asked["pending_report"]
    assert asked["candidate"]["first_report"]["channel"] == "web"
    _, listed = await call(client, "GET", "/api/incidents", "agents")
    assert len(listed["incidents"]) == 1  # nothing created while asking
    return sms, asked


async def test_ask_answered_yes_merges(client: Any, clock: Any) -> None:
    sms, asked = await _asked(client, clock)
    status, merged = await answer(client, sms, asked["pending_report"], "INC-00001")
    assert status == 200 and merged["outcome"] == "merged" and merged["merged_into"] == "INC-00001"
    detail = await reports_of(client, "INC-00001")
    assert [(r["text"], r["decision"]) for r in detail["reports"]][1] == (DOUBTFUL, "confirmed")
    status, again = await answer(client, sms, asked["pending_report"], "INC-00001")
    assert status == 404 and again["error"]["code"] == "unknown_pending_report"


async def test_ask_answered_no_opens_a_new_incident(client: Any, clock: Any) -> None:
    sms, asked = await _asked(client, clock)
    status, created = await answer(client, sms, asked["pending_report"], None)
    assert status == 201 and created["outcome"] == "created" and created["id"] == "INC-00002"
    assert created["symptom"] == DOUBTFUL and created["channel"] == "sms"
    assert len((await reports_of(client, "INC-00001"))["reports"]) == 1


async def test_answers_are_checked(client: Any, clock: Any) -> None:
    sms, asked = await _asked(client, clock)
    other = await english_conversation(client)
    _, theirs = await report(client, other, "The cold room FRG-7781 is not cooling")
    status, body = await answer(client, other, asked["pending_report"], None)
    assert status == 404  # another conversation's question
    status, body = await answer(client, sms, asked["pending_report"], theirs["id"])
    assert status == 404  # another customer's incident
    status, body = await report(client, sms, "")
    assert status == 400
    clock.advance(hours=25)
    assert await sms_conversation(client) == sms  # they write again (actions act in session)
    status, body = await answer(client, sms, asked["pending_report"], "INC-00001")
    assert status == 410 and body["error"]["code"] == "pending_expired"
