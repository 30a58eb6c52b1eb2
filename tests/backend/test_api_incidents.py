"""Incidents: creation, the customer's own views, cancel, agent views."""

import asyncio

import pytest

from tests.backend.helpers import call, inbound, verified_conversation


async def report(client, cid, **body):
    body = {"symptom": "pierde aire por la válvula", "priority": "high", **body}
    return await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions", json=body)


async def english_conversation(client):
    return (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]


async def test_report_by_serial_keeps_symptom_verbatim(client):
    cid = await verified_conversation(client)
    symptom = "  ¡Hace un ruido horrible!\n y pierde aceite  "
    status, inc = await report(client, cid, serial="cmp-2291-x", symptom=symptom)
    assert status == 201
    assert inc["id"] == "INC-00001"
    assert inc["symptom"] == symptom
    assert inc["customer_code"] == "C-1001"
    assert inc["equipment"] == {"id": "EQ-0001", "serial": "CMP-2291-X",
                                "model": "Atlas Copco GA 37 VSD", "family": "compressor"}
    assert (inc["state"], inc["priority"], inc["service_type"], inc["channel"]) == (
        "new", "high", "corrective", "sms")
    assert inc["created_at"].endswith("+00:00")


async def test_report_by_equipment_id_and_without_equipment(client):
    cid = await verified_conversation(client)
    status, inc = await report(client, cid, equipment_id="EQ-0002", priority="low")
    assert status == 201 and inc["equipment"]["id"] == "EQ-0002"
    status, inc = await report(client, cid, service_type="preventive")
    assert status == 201 and inc["equipment"] is None and inc["id"] == "INC-00002"


async def test_typed_serial_in_any_form_names_the_machine(client):
    cid = await verified_conversation(client)
    status, inc = await report(client, cid, serial="cmp 2291x")
    assert status == 201 and inc["equipment"]["serial"] == "CMP-2291-X"


async def test_unknown_serial_is_an_unknown_machine_not_an_error(client):
    """A serial the customer typed that is none of theirs (here C-1002's) opens the
    incident without a machine; only an equipment id the bot made up is refused."""
    cid = await verified_conversation(client)
    status, inc = await report(client, cid, serial="FRG-7781")
    assert status == 201 and inc["equipment"] is None
    status, body = await report(client, cid, serial="xx 0000", symptom="la nevera gotea agua")
    assert status in (200, 201) and "error" not in body  # filed (or asked about), not refused
    status, body = await report(client, cid, equipment_id="EQ-0404")
    assert status == 404 and body["error"]["code"] == "unknown_equipment"


@pytest.mark.parametrize(("change", "field"), [
    ({"priority": "urgent"}, "body.priority"),
    ({"symptom": ""}, "body.symptom"),
    ({"service_type": "magic"}, "body.service_type"),
])
async def test_bad_report_is_400(client, change, field):
    cid = await verified_conversation(client)
    status, body = await report(client, cid, **change)
    assert status == 400 and body["error"]["field"] == field


async def test_customer_sees_only_own_incidents_in_any_id_spelling(client):
    cid = await verified_conversation(client)
    other = await english_conversation(client)
    _, mine = await report(client, cid, serial="SN-48213")
    _, theirs = await report(client, other, serial="FRG-7781")
    for spelling in ("INC-00001", "%23001", "1", "inc%201", "INC-1"):
        status, body = await call(client, "GET", f"/api/conversations/{cid}/incidents/{spelling}",
                                  "actions")
        assert status == 200, spelling
        assert body["id"] == mine["id"]
    status, body = await call(client, "GET", f"/api/conversations/{cid}/incidents/{theirs['id']}",
                              "actions")
    assert status == 404 and body["error"]["code"] == "not_found"
    status, body = await call(client, "GET", f"/api/conversations/{cid}/incidents/nonsense",
                              "actions")
    assert status == 400 and body["error"]["code"] == "invalid_request"
    _, listed = await call(client, "GET", f"/api/conversations/{cid}/incidents", "actions")
    assert [i["id"] for i in listed["incidents"]] == ["INC-00001"]


async def test_cancel_own_incident_once(client):
    cid = await verified_conversation(client)
    other = await english_conversation(client)
    await report(client, cid)
    status, body = await call(client, "POST", f"/api/conversations/{other}/incidents/1/cancel",
                              "actions", json={})
    assert status == 404
    status, body = await call(client, "POST", f"/api/conversations/{cid}/incidents/%231/cancel",
                              "actions", json={"reason": "ya funciona"})
    assert status == 200 and body["state"] == "cancelled"
    status, body = await call(client, "POST", f"/api/conversations/{cid}/incidents/1/cancel",
                              "actions", json={})
    assert status == 409 and body["error"]["code"] == "invalid_transition"
    _, listed = await call(client, "GET", f"/api/conversations/{cid}/incidents", "actions")
    assert listed["incidents"] == []


async def test_a_new_incident_moves_to_the_machine_the_customer_meant(client):
    """"perdon, es el otro": while no technician has accepted it, the incident changes
    machine, with an event saying from which, and its pending offer is withdrawn; never to
    another customer's machine, nor another customer's incident."""
    cid = await verified_conversation(client)
    other = await english_conversation(client)
    await report(client, cid, equipment_id="EQ-0001")
    path = f"/api/conversations/{cid}/incidents/INC-00001/equipment"
    _, theirs = await call(client, "GET", "/api/customers/C-1002/equipment", "agents")
    status, body = await call(client, "POST", path, "actions",
                              json={"equipment_id": theirs["equipment"][0]["id"]})
    assert status == 404 and body["error"]["code"] == "unknown_equipment"
    status, body = await call(client, "POST", f"/api/conversations/{other}/incidents/1/equipment",
                              "actions", json={"equipment_id": "EQ-0002"})
    assert status == 404
    status, body = await call(client, "POST", path, "actions", json={"equipment_id": "EQ-0002"})
    assert status == 200 and body["equipment"]["id"] == "EQ-0002", body
    _, history = await call(client, "GET", "/api/incidents/INC-00001/reports", "agents")
    kinds = [e["kind"] for e in history["events"]]
    assert [e["note"] for e in history["events"] if e["kind"] == "equipment_changed"] == [
        "EQ-0001 → EQ-0002"]
    assert kinds.index("offered") < kinds.index("equipment_changed"), kinds


async def test_concurrent_reports_get_distinct_sequential_ids(client):
    cid = await verified_conversation(client)
    # preventive requests skip the duplicate check: eight requests, eight incidents
    results = await asyncio.gather(*[report(client, cid, symptom=f"revisión {i}",
                                            service_type="preventive") for i in range(8)])
    assert all(status == 201 for status, _ in results)
    ids = sorted(inc["id"] for _, inc in results)
    assert ids == [f"INC-{n:05d}" for n in range(1, 9)]


async def test_agents_list_and_filter_incidents(client):
    cid = await verified_conversation(client)
    other = await english_conversation(client)
    await report(client, cid)
    await report(client, other)
    await call(client, "POST", f"/api/conversations/{cid}/incidents/1/cancel", "actions", json={})
    _, all_ = await call(client, "GET", "/api/incidents", "agents")
    assert {i["id"] for i in all_["incidents"]} == {"INC-00001", "INC-00002"}
    _, only = await call(client, "GET", "/api/incidents?customer=C-1002&state=new", "agents")
    assert [i["id"] for i in only["incidents"]] == ["INC-00002"]
    status, body = await call(client, "GET", "/api/incidents?state=weird", "agents")
    assert status == 400
    status, body = await call(client, "GET", "/api/incidents/%232", "agents")
    assert status == 200 and body["customer_code"] == "C-1002"


async def test_agents_read_customers_equipment_technicians(client):
    _, customers = await call(client, "GET", "/api/customers", "agents")
    assert [c["code"] for c in customers["customers"]] == ["C-1001", "C-1002"]
    _, one = await call(client, "GET", "/api/customers/C-1001", "agents")
    assert one["contacts"][0]["preferred"] is True
    assert one["sites"][0]["id"] == "S-1001-1"
    _, eq = await call(client, "GET", "/api/customers/C-1001/equipment", "agents")
    assert [e["id"] for e in eq["equipment"]] == ["EQ-0001", "EQ-0002"]
    assert eq["equipment"][0]["site"] == {"id": "S-1001-1", "name": "Planta Malpica",
                                          "city": "Zaragoza"}
    _, techs = await call(client, "GET", "/api/technicians", "agents")
    assert techs["technicians"][0]["skills"] == ["compressor", "hvac", "refrigeration"]
