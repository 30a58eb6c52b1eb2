"""Coverage for the bot: decisions with reasons in the conversation's language, price basis,
consent, and check_coverage questions; only for the verified customer's own data."""

from tests.backend.billing.conftest import conversation, report
from tests.backend.helpers import call, inbound


async def coverage(api, cid, incident_id):
    return await call(api, "GET", f"/api/conversations/{cid}/incidents/{incident_id}/coverage",
                      "actions")


async def test_covered_machine_under_contract(api):
    cid = await conversation(api)
    incident = await report(api, cid, "CMP-2291-X", priority="high")
    status, body = await coverage(api, cid, incident["id"])
    assert status == 200, body
    assert body["outcome"] == "covered" and body["applies"]["id"] == "CT-0001"
    assert body["consent_required"] is False and body["price_basis"] is None
    assert body["language"] == "es"
    assert body["reasons"][0]["text"].startswith("Se aplica el contrato CT-0001")
    assert body["sla"]["priority"] == "high" and body["sla"]["response_due"] > "2026-11-24"


async def test_uncovered_machine_asks_consent_with_price_basis(api):
    cid = await conversation(api)
    incident = await report(api, cid, "FL-3391-B")
    status, body = await coverage(api, cid, incident["id"])
    assert status == 200 and body["outcome"] == "not_covered" and body["applies"] is None
    assert "warranty_expired" in [r["code"] for r in body["reasons"]]
    basis = body["price_basis"]
    assert basis["labour_rates"] == {"junior": "38.00", "senior": "52.00", "specialist": "68.00"}
    assert basis["travel"] == {"zone": "aragon", "rate_zone": "aragon", "flat": "30.00",
                               "per_km": "0.45"}
    assert (basis["vat_pct"], basis["out_of_hours_surcharge_pct"]) == ("21.00", "50.00")
    assert body["consent_required"] is True
    status, done = await call(api, "POST", f"/api/conversations/{cid}/incidents/{incident['id']}"
                              "/consent", "actions", json={"accepted": True})
    assert status == 200 and done["coverage"]["consent"] == "accepted"
    assert done["coverage"]["consent_required"] is False and done["incident"]["state"] == "new"


async def test_refusing_consent_cancels_the_incident(api):
    cid = await conversation(api)
    incident = await report(api, cid, "FL-3391-B")
    status, done = await call(api, "POST", f"/api/conversations/{cid}/incidents/{incident['id']}"
                              "/consent", "actions", json={"accepted": False})
    assert status == 200 and done["incident"]["state"] == "cancelled"
    assert done["coverage"]["consent"] == "refused"


async def test_other_customers_incident_and_unverified_conversation(api):
    cid = await conversation(api)
    incident = await report(api, cid, "CMP-2291-X")
    other_inbound = await inbound(api, "email", "oliver.grant@northbridge-logistics.com")
    other = other_inbound["conversation_id"]
    status, body = await coverage(api, other, incident["id"])
    assert status == 404
    stranger = (await inbound(api, "sms", "+34600000001"))["conversation_id"]
    status, body = await coverage(api, stranger, incident["id"])
    assert status == 403 and body["error"]["code"] == "not_verified"
    status, body = await call(api, "GET", f"/api/conversations/{stranger}/coverage?serial=X",
                              "actions")
    assert status == 403


async def test_check_coverage_by_serial_in_english_with_warranty(api):
    cid = (await inbound(api, "email", "oliver.grant@northbridge-logistics.com"))["conversation_id"]
    status, body = await call(api, "GET", f"/api/conversations/{cid}/coverage?serial=fl-7380-h",
                              "actions")
    assert status == 200, body
    assert body["language"] == "en" and body["warranty"] == {"until": "2027-02-17", "valid": True}
    assert body["outcome"] == "covered"
    assert any("under warranty until 2027-02-17" in text for text in body["reasons"])


async def test_check_coverage_hours_left_and_choices(api):
    cid = await conversation(api)
    status, body = await call(api, "GET", f"/api/conversations/{cid}/coverage?equipment_id=EQ-0001",
                              "actions")
    assert status == 200
    (ct,) = body["contracts"]
    assert ct["id"] == "CT-0001" and ct["allowance"] == {"hours": "40", "visits": 12}
    assert ct["left"] == {"hours": "40", "visits": 12} and ct["in_force"] is True
    status, body = await call(api, "GET", f"/api/conversations/{cid}/coverage", "actions")
    assert body["equipment"] is None and "EQ-0003" in [e["id"] for e in body["choices"]]
    status, body = await call(api, "GET", f"/api/conversations/{cid}/coverage?serial=FL-7380-H",
                              "actions")
    assert status == 404 and body["error"]["code"] == "unknown_equipment"
