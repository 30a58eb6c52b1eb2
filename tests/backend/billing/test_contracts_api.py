"""Contracts through the API: create, amend (versions), renew, state changes; the version in
force at the incident's moment decides coverage."""

from datetime import UTC, datetime

from tests.backend.billing.conftest import conversation, report
from tests.backend.helpers import call

NEW = {
    "customer": "C-1001", "equipment": ["EQ-0003"], "start": "2026-11-01", "end": "2027-10-31",
    "type": "full_maintenance", "incident_types": ["mechanical", "electrical"],
    "covered_hours": {"timezone": "Europe/Madrid", "schedule": "mon-fri 08:00-18:00"},
    "response_hours": {"critical": 4, "high": 8, "medium": 24, "low": 72},
    "resolution_hours": {"critical": 24, "high": 48, "medium": 120, "low": 240},
    "allowance": {"hours": 20, "visits": 6}, "price": "300.00", "billing": "monthly",
    "renewal": {"every_months": 12, "price_change_pct": "2.0"}, "state": "active",
}


async def test_create_show_and_list(api):
    status, created = await call(api, "POST", "/api/contracts", json=NEW)
    assert status == 201, created
    assert created["id"] == "CT-0044" and created["state"] == "active"
    assert [v["number"] for v in created["versions"]] == [1]
    assert created["versions"][0]["valid_from"] == "2026-11-01"
    status, listed = await call(api, "GET", "/api/contracts?customer=C-1001")
    assert status == 200 and "CT-0044" in [c["id"] for c in listed["contracts"]]
    status, _ = await call(api, "GET", "/api/contracts", "actions")
    assert status == 403


async def test_bad_terms_and_foreign_equipment_are_400(api):
    status, body = await call(api, "POST", "/api/contracts",
                              json={**NEW, "covered_hours": {"timezone": "Mars/Base",
                                                             "schedule": "24x7"}})
    assert status == 400 and body["error"]["code"] == "invalid_request"
    status, body = await call(api, "POST", "/api/contracts", json={**NEW, "equipment": ["EQ-0005"]})
    assert status == 400 and body["error"]["field"] == "equipment"


async def test_amendment_applies_only_from_its_date(api, clock):
    clock.now = datetime(2026, 10, 24, 9, 0, tzinfo=UTC)  # Saturday 11:00, before the amendment
    cid = await conversation(api)
    before = await report(api, cid, "CMP-2291-X")
    status, version = await call(api, "POST", "/api/contracts/CT-0001/amend", json={
        "valid_from": "2026-11-01", "note": "24x7 from November",
        "changes": {"covered_hours": {"timezone": "Europe/Madrid", "schedule": "24x7"}}})
    assert status == 200, version
    assert (version["number"], version["valid_from"], version["valid_to"]) == (
        2, "2026-11-01", None)
    clock.now = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)  # Saturday 11:00, after it
    assert await conversation(api) == cid  # the customer writes again (actions act in session)
    after = await report(api, cid, "CMP-2291-X")
    old = (await call(api, "GET", f"/api/conversations/{cid}/incidents/{before['id']}/coverage",
                      "actions"))[1]
    new = (await call(api, "GET", f"/api/conversations/{cid}/incidents/{after['id']}/coverage",
                      "actions"))[1]
    assert old["applies"]["valid_from"] == "2025-01-01" and old["outcome"] == "partly_covered"
    assert "outside_covered_hours" in [r["code"] for r in old["reasons"]]
    assert new["applies"]["valid_from"] == "2026-11-01" and new["outcome"] == "covered"
    status, shown = await call(api, "GET", "/api/contracts/CT-0001")
    assert [(v["number"], v["valid_to"]) for v in shown["versions"]] == [(1, "2026-11-01"),
                                                                         (2, None)]
    assert shown["covered_hours"]["schedule"] == "24x7"


async def test_amend_rejects_a_date_before_the_start_or_taken(api):
    status, body = await call(api, "POST", "/api/contracts/CT-0001/amend", json={
        "valid_from": "2024-12-01", "changes": {"price": "1.00"}})
    assert status == 400 and body["error"]["field"] == "valid_from"
    status, body = await call(api, "POST", "/api/contracts/CT-0001/amend", json={
        "valid_from": "2025-01-01", "changes": {"price": "1.00"}})
    assert status == 400


async def test_renew_suspend_activate_cancel(api):
    status, renewed = await call(api, "POST", "/api/contracts/CT-0001/renew", json={})
    assert status == 200, renewed
    assert renewed["valid_from"] == "2027-01-01" and renewed["contract"]["end"] == "2027-12-31"
    assert renewed["terms"]["price"] == "1493.50"  # 1450.00 + 3.0 %
    for verb, state in (("suspend", "suspended"), ("activate", "active"), ("cancel", "cancelled")):
        status, body = await call(api, "POST", f"/api/contracts/CT-0001/{verb}")
        assert status == 200 and body["state"] == state
    status, body = await call(api, "POST", "/api/contracts/CT-0001/suspend")
    assert status == 409 and body["error"]["code"] == "invalid_transition"
