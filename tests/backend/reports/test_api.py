"""The reports over HTTP: the manager's (or admin's) token or console session reads them,
as JSON or CSV; agents and customers (the gateway, the bot's actions, no token) cannot;
bad filters are 400 with a reason, unknown reports 404."""

from __future__ import annotations

import csv
import io

import pytest

from backend.api.keys import UOWS
from tests.backend.handoff.helpers import add_agent, sign_in
from tests.backend.helpers import h

Q = "from=2025-12-01&to=2025-12-31"


@pytest.mark.parametrize("role", ["manager", "admin"])
async def test_the_manager_and_admin_tokens_read_every_report(api, role):
    for name in ("sla", "bot", "channels", "duplicates", "technicians", "money", "incidents",
                 "conversations"):
        resp = await api.get(f"/api/reports/{name}?{Q}", headers=h(role))
        body = await resp.json()
        assert resp.status == 200, (name, body)
        assert body["report"] == name and body["filters"]["from"] == "2025-12-01"
    body = await (await api.get(f"/api/reports/sla?{Q}", headers=h("manager"))).json()
    assert body["totals"]["response"]["compliance"] == 0.8


@pytest.mark.parametrize("role", ["agents", "gateway", "actions"])
async def test_agents_and_customer_facing_clients_are_refused(api, role):
    resp = await api.get(f"/api/reports/sla?{Q}", headers=h(role))
    assert resp.status == 403
    assert (await resp.json())["error"]["code"] == "forbidden"


async def test_no_token_no_report(api):
    assert (await api.get(f"/api/reports/sla?{Q}")).status == 401
    assert (await api.get(f"/api/reports/sla?{Q}",
                          headers={"Authorization": "Bearer guess"})).status == 401


async def test_csv_export_has_no_personal_data_unless_asked(api):
    resp = await api.get(f"/api/reports/incidents?{Q}&format=csv", headers=h("manager"))
    assert resp.status == 200 and resp.content_type == "text/csv"
    assert 'filename="avisa-incidents.csv"' in resp.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await resp.text())))
    assert len(rows) == 5 and "symptom" not in rows[0]  # INC-1, 2, 3, 4, 7
    asked = await api.get(f"/api/reports/incidents?{Q}&format=csv&personal=yes",
                          headers=h("manager"))
    rows = list(csv.DictReader(io.StringIO(await asked.text())))
    assert rows[0]["symptom"].startswith("symptom of")
    conv = await api.get(f"/api/reports/conversations?{Q}&format=csv", headers=h("manager"))
    text = await conv.text()
    assert "addr-CONV" not in text and "CONV-A" in text


async def test_a_report_as_csv_keeps_every_table(api):
    resp = await api.get(f"/api/reports/sla?{Q}&format=csv", headers=h("manager"))
    rows = list(csv.DictReader(io.StringIO(await resp.text())))
    totals = next(r for r in rows if r["table"] == "totals.response")
    assert (totals["total"], totals["on_time"], totals["compliance"]) == ("5", "4", "0.8")
    assert any(r["table"] == "by_customer.response" and r["key"] == "C-1001" for r in rows)
    heat = await api.get(f"/api/reports/channels?{Q}&format=csv", headers=h("manager"))
    rows = [r for r in csv.DictReader(io.StringIO(await heat.text()))
            if r["table"] == "heat_map.cells"]
    assert len(rows) == 7 and rows[4]["c17"] == "1"  # Friday 17:00 Madrid


@pytest.mark.parametrize(("query", "status"), [
    ("from=2025-02-30", 400), ("from=2025-12-31&to=2025-12-01", 400), ("channel=fax", 400),
    ("format=xml", 400), ("contained=maybe", 400)])
async def test_bad_filters_are_400(api, query, status):
    resp = await api.get(f"/api/reports/conversations?{query}", headers=h("manager"))
    body = await resp.json()
    assert resp.status == status and body["error"]["message"], body


async def test_unknown_report_is_404(api):
    resp = await api.get("/api/reports/salaries", headers=h("manager"))
    assert resp.status == 404 and "one of" in (await resp.json())["error"]["message"]


async def test_console_session_of_a_manager_reads_an_agent_does_not(api):
    uows = api.server.app[UOWS]
    await add_agent(uows, "mara", (), role="manager")
    await add_agent(uows, "ana", ("general",))
    manager = await sign_in(api, "mara")
    status, body = await manager.get(f"/reports/sla?{Q}")
    assert status == 200 and body["totals"]["response"]["total"] == 5
    agent = await sign_in(api, "ana")
    status, body = await agent.get(f"/reports/sla?{Q}")
    assert status == 403 and body["error"]["code"] == "forbidden"
    resp = await api.get(f"/console/api/reports/sla?{Q}")
    assert resp.status == 401
