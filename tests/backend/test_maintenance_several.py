"""One maintenance request for several machines (issue 13 §2): one preventive incident whose
report names every machine; machines that are not the customer's are refused."""

from __future__ import annotations

from typing import Any

from tests.backend.helpers import call, verified_conversation


async def request(client: Any, cid: str, **body: Any) -> tuple[int, Any]:
    body = {"symptom": "revision anual de los dos compresores", "priority": "medium",
            "service_type": "preventive", **body}
    return await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions", json=body)


async def test_one_request_names_every_machine(client: Any) -> None:
    cid = await verified_conversation(client)
    status, inc = await request(client, cid, equipment_id="EQ-0001",
                                equipment_ids=["EQ-0002", "EQ-0001"])
    assert status == 201, inc
    assert inc["service_type"] == "preventive" and inc["equipment"]["id"] == "EQ-0001"
    _, detail = await call(client, "GET", f"/api/incidents/{inc['id']}/reports", "agents")
    assert detail["reports"][0]["equipment_ids"] == ["EQ-0001", "EQ-0002"]


async def test_a_machine_of_another_customer_is_refused(client: Any) -> None:
    cid = await verified_conversation(client)
    status, body = await request(client, cid, equipment_id="EQ-0001",
                                 equipment_ids=["EQ-0003"])  # C-1002's cold room
    assert status == 404 and body["error"]["code"] == "unknown_equipment", body
    _, listed = await call(client, "GET", "/api/incidents?customer=C-1001", "agents")
    assert listed["incidents"] == []  # nothing written
