"""Merging and splitting by hand: audited (who, when, what) and reversible."""

from __future__ import annotations

from typing import Any

from tests.backend.dedupe.helpers import FIRST, claim, report, reports_of, sms_conversation
from tests.backend.helpers import call

COPIER = "La fotocopiadora SN-48213 se atasca con cada hoja"


async def _two_incidents(client: Any) -> str:
    sms = await sms_conversation(client)
    assert (await report(client, sms, FIRST, equipment_id="EQ-0001"))[0] == 201
    assert (await report(client, sms, COPIER, equipment_id="EQ-0002"))[0] == 201
    await claim(client)
    return sms


async def _state(client: Any, incident_id: str) -> str:
    _, body = await call(client, "GET", f"/api/incidents/{incident_id}", "agents")
    return str(body["state"])


async def test_merge_by_hand_then_undo(client: Any, clock: Any) -> None:
    await _two_incidents(client)
    clock.advance(minutes=5)
    status, merged = await call(client, "POST", "/api/incidents/INC-00002/merge", "agents",
                                json={"into": "#1", "agent": "Lucía", "note": "same visit"})
    assert status == 200, merged
    assert (merged["kind"], merged["actor"], merged["at"]) == (
        "merge", "agents:Lucía", "2025-06-02T09:05:00+00:00")
    assert merged["source"]["state"] == "cancelled" and merged["target"]["id"] == "INC-00001"
    reports = (await reports_of(client, "INC-00001"))["reports"]
    assert [r["text"] for r in reports] == [FIRST, COPIER]
    told = [i["text"] for i in await claim(client) if i["kind"] == "incident_merged"]
    assert told == [("Avisa: su aviso INC-00002 trata del mismo problema que INC-00001; los hemos "
                    "unido y le informaremos de INC-00001.")]
    audit = (await reports_of(client, "INC-00001"))["merges"]
    assert [(m["audit_id"], m["kind"], m["source"], m["undone_at"]) for m in audit] == [
        (merged["audit_id"], "merge", "INC-00002", None)]

    status, undone = await call(client, "POST",
                                f"/api/incidents/merges/{merged['audit_id']}/undo", "admin",
                                json={})
    assert status == 200 and undone["undone_at"] is not None
    assert await _state(client, "INC-00002") == "new"
    assert [r["text"] for r in (await reports_of(client, "INC-00002"))["reports"]] == [COPIER]
    assert [r["text"] for r in (await reports_of(client, "INC-00001"))["reports"]] == [FIRST]
    status, body = await call(client, "POST",
                              f"/api/incidents/merges/{merged['audit_id']}/undo", "admin", json={})
    assert status == 409 and body["error"]["code"] == "undo_refused"


async def test_merge_refusals(client: Any) -> None:
    await _two_incidents(client)
    for into in ("INC-00002", "INC-00404"):
        status, _ = await call(client, "POST", "/api/incidents/INC-00002/merge", "agents",
                               json={"into": into})
        assert status in (404, 409)
    status, _ = await call(client, "POST", "/api/incidents/INC-00002/merge", "actions",
                           json={"into": "INC-00001"})
    assert status == 403
    status, _ = await call(client, "POST", "/api/incidents/merges/999/undo", "agents", json={})
    assert status == 404


async def test_split_by_hand_then_undo(client: Any) -> None:
    await _two_incidents(client)
    await call(client, "POST", "/api/incidents/INC-00002/merge", "agents", json={"into": "1"})
    await claim(client)
    ids = [r["id"] for r in (await reports_of(client, "INC-00001"))["reports"]]
    status, _body = await call(client, "POST", "/api/incidents/INC-00001/split", "agents",
                              json={"reports": ids})
    assert status == 409  # not every report: something must stay
    status, split = await call(client, "POST", "/api/incidents/INC-00001/split", "agents",
                               json={"reports": [ids[1]], "agent": "Lucía"})
    assert status == 200, split
    new_id = split["target"]["id"]
    assert new_id == "INC-00003" and split["target"]["symptom"] == COPIER
    assert [r["id"] for r in (await reports_of(client, new_id))["reports"]] == [ids[1]]
    # the reporter also has a report left in INC-00001, so follows both
    assert len((await reports_of(client, "INC-00001"))["subscriptions"]) == 1
    assert len((await reports_of(client, new_id))["subscriptions"]) == 1
    assert [i["kind"] for i in await claim(client)] == ["incident_split"]

    status, _ = await call(client, "POST", f"/api/incidents/merges/{split['audit_id']}/undo",
                           "agents", json={})
    assert status == 200
    assert await _state(client, new_id) == "cancelled"
    assert [r["id"] for r in (await reports_of(client, "INC-00001"))["reports"]] == ids
