"""Service orders: consent before a billable visit; closing re-applies coverage and prices
what is not covered in a delivery note (none when everything is covered)."""

from decimal import Decimal

from tests.backend.billing.conftest import conversation, report
from tests.backend.helpers import call

JOB = {"labour_hours": "2.5", "travel_km": "40", "started_at": "2026-11-24T10:00:00+01:00",
       "ended_at": "2026-11-24T12:30:00+01:00", "notes": "cambio de rodamiento",
       "parts": [{"part_number": "AC-2901200300", "quantity": "1"},
                 {"description": "Tornillería variada", "quantity": "3", "unit_price": "2.10"}]}


async def booked(api, serial, consent=True):
    cid = await conversation(api)
    incident = await report(api, cid, serial)
    if consent:
        status, _ = await call(api, "POST", f"/api/conversations/{cid}/incidents/{incident['id']}"
                               "/consent", "actions", json={"accepted": True})
        assert status == 200
    status, order = await call(api, "POST", f"/api/incidents/{incident['id']}/service-orders",
                               "agents", json={"technician_id": "T-01"})
    return incident, status, order


async def test_billable_visit_needs_consent(api):
    _, status, body = await booked(api, "FL-3391-B", consent=False)
    assert status == 409 and body["error"]["code"] == "consent_required"


async def test_uncovered_machine_gets_priced_delivery_note(api):
    incident, status, order = await booked(api, "FL-3391-B")
    assert status == 201 and order["id"] == "SO-00001" and order["state"] == "open"
    status, closed = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                                json=JOB)
    assert status == 200, closed
    note = closed["delivery_note"]
    assert note["id"] == "ALB-00001" and note["state"] == "draft" and note["language"] == "es"
    assert note["incident_id"] == incident["id"] and note["service_order_id"] == "SO-00001"
    lines = [(ln["kind"], ln["quantity"], ln["unit_price"], ln["net"]) for ln in note["lines"]]
    rate = "68.00" if closed["service_order"]["category"] == "specialist" else "52.00"
    labour = str((Decimal(rate) * Decimal("2.5")).quantize(Decimal("0.01")))
    assert lines == [("labour", "2.5", rate, labour), ("travel", "1", "48.00", "48.00"),
                     ("part", "1", "389.00", "389.00"), ("part", "3", "2.10", "6.30")]
    assert all(ln["vat_pct"] == "21.00" for ln in note["lines"])
    net = Decimal(labour) + Decimal("443.30")
    assert note["totals"]["net"] == str(net)
    assert Decimal(note["totals"]["vat"]) == sum(Decimal(ln["vat"]) for ln in note["lines"])
    assert note["lines"][1]["description"] == "Desplazamiento, zona aragon, 40 km"
    assert closed["coverage"]["stage"] == "closed"
    assert closed["coverage"]["outcome"] == "not_covered"
    status, _body = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                              json=JOB)
    assert status == 409


async def test_out_of_hours_uncovered_work_is_surcharged(api):
    _, _, order = await booked(api, "FL-3391-B")
    night = {**JOB, "started_at": "2026-11-24T19:00:00+01:00",
             "ended_at": "2026-11-24T21:30:00+01:00", "parts": []}
    status, closed = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                                json=night)
    assert status == 200
    (surcharge,) = [ln for ln in closed["delivery_note"]["lines"] if ln["kind"] == "surcharge"]
    assert surcharge["quantity"] == "2.5" and not surcharge["covered"]


async def test_covered_machine_has_no_delivery_note_and_uses_allowance(api):
    _incident, status, order = await booked(api, "CMP-2291-X", consent=False)
    assert status == 201
    status, closed = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                                json={**JOB, "parts": [{"part_number": "AC-2901200300",
                                                        "quantity": "1"}]})
    assert status == 200, closed
    assert closed["delivery_note"] is None and closed["coverage"]["outcome"] == "covered"
    assert closed["service_order"]["contract_id"] == "CT-0001"
    cid = await conversation(api)
    status, body = await call(api, "GET", f"/api/conversations/{cid}/coverage?serial=CMP-2291-X",
                              "actions")
    assert body["contracts"][0]["used"] == {"hours": "2.5", "visits": 1}
    assert body["contracts"][0]["left"] == {"hours": "37.5", "visits": 11}


async def test_unknown_part_without_price_is_400(api):
    _, _, order = await booked(api, "FL-3391-B")
    status, body = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                              json={**JOB, "parts": [{"part_number": "NOPE-1", "quantity": "1"}]})
    assert status == 400 and body["error"]["code"] == "price_not_found"
    status, body = await call(api, "GET", f"/api/service-orders/{order['id']}", "agents")
    assert body["state"] == "open"
