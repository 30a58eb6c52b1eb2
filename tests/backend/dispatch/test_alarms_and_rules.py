"""Inductive alarms (one open incident per machine and code, repeats counted, recovery
resolves, per-source tokens) and the routing-rules admin API (file:line errors)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm import Equipment, Incident, OutboxItem
from backend.adapters.orm.dispatch import OpenAlarmRow
from backend.api.keys import UOWS
from backend.bootstrap import create_app
from backend.config import Settings
from backend.services.incidents.alarms import ReceiveAlarm, receive_alarm

ALERT_TOKEN = "scada-token-0123456789"


async def client_for(aiohttp_client: Any, db_url: str, tokens: dict[str, str], clock: Any) -> Any:
    settings = Settings(database_url=db_url, tokens=tokens, alert_tokens={"scada": ALERT_TOKEN},
                        scheduler_interval=0)
    return await aiohttp_client(create_app(settings, clock=clock))


async def add_machines(uows: Any, n: int) -> list[str]:
    ids = [f"EQ-9{i:03d}" for i in range(n)]
    async with uows() as uow:
        uow.session.add_all([Equipment(id=i, serial=f"FRG-{i}", customer_code="C-1001",
                                       site_id="S-1001-1", family="refrigeration") for i in ids])
        await uow.commit()
    return ids


async def scalar(uows: Any, query: Any) -> int:
    async with uows() as uow:
        return int(await uow.session.scalar(query) or 0)


async def test_1000_alarms_for_50_machines_open_one_incident_per_machine_and_code(
        aiohttp_client: Any, demo_db: str, tokens: dict[str, str], clock: Any) -> None:
    client = await client_for(aiohttp_client, demo_db, tokens, clock)
    uows = client.server.app[UOWS]
    machines = await add_machines(uows, 50)
    start = clock()
    for i in range(1000):  # 10 minutes of simulated time, an alarm every 0.6 s
        at = start + timedelta(seconds=i * 0.6)
        clock.now = at
        await receive_alarm(uows, ReceiveAlarm("scada", machines[i % 50],
                                               "E42" if (i // 50) % 2 else "E17", "major", at))
    inductive = select(func.count()).select_from(Incident).where(
        Incident.service_type == "inductive")
    assert await scalar(uows, inductive) == 100  # 50 machines x 2 codes
    assert await scalar(uows, select(func.sum(OpenAlarmRow.count))) == 1000
    told = select(func.count()).select_from(OutboxItem).where(OutboxItem.kind == "alarm_detected")
    assert await scalar(uows, told) == 100  # the customer hears once per incident, not 1000 times


async def test_alerts_api_tokens_recovery_and_reopen(aiohttp_client: Any, demo_db: str,
                                                     tokens: dict[str, str], clock: Any) -> None:
    client = await client_for(aiohttp_client, demo_db, tokens, clock)
    machine = (await add_machines(client.server.app[UOWS], 1))[0]
    body = {"serial": f"FRG-{machine}", "code": "E42", "severity": "critical",
            "time": clock().isoformat()}
    assert (await client.post("/api/alerts", json=body)).status == 401
    wrong = {"Authorization": f"Bearer {tokens['admin']}"}  # role tokens are not alert tokens
    assert (await client.post("/api/alerts", json=body, headers=wrong)).status == 401
    auth = {"Authorization": f"Bearer {ALERT_TOKEN}"}
    first = await client.post("/api/alerts", json=body, headers=auth)
    assert first.status == 201
    opened = (await first.json())["incident"]
    assert opened["service_type"] == "inductive" and opened["priority"] == "critical"
    again = await (await client.post("/api/alerts", json=body, headers=auth)).json()
    assert again["step"] == "count" and again["incident"]["id"] == opened["id"]
    recovery = await client.post("/api/alerts", json={**body, "event": "recovery"}, headers=auth)
    assert (await recovery.json())["incident"]["state"] == "resolved"
    reopened = await (await client.post("/api/alerts", json=body, headers=auth)).json()
    assert reopened["step"] == "open" and reopened["incident"]["id"] != opened["id"]
    naive = await client.post("/api/alerts", json={**body, "time": "2026-01-01T10:00:00"},
                              headers=auth)
    assert naive.status == 400


async def test_routing_rules_api_validates_with_line_numbers(aiohttp_client: Any, demo_db: str,
                                                             tokens: dict[str, str],
                                                             clock: Any) -> None:
    client = await client_for(aiohttp_client, demo_db, tokens, clock)
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    current = await (await client.get("/api/routing/rules", headers=admin)).json()
    assert current["source"] == "data/routing_rules.yml"
    bad = ("queues:\n  - id: q\n    name: Q\ndefault_queue: q\n"
           "rules:\n  - name: r\n    queue: nope\n")
    answer = await client.put("/api/routing/rules", json={"text": bad}, headers=admin)
    error = (await answer.json())["error"]
    assert answer.status == 400 and error["line"] == 7
    assert "unknown queue 'nope'" in error["message"]
    good = ("queues:\n  - id: q\n    name: {es: Cola, en: Queue}\ndefault_queue: q\n"
            "rules:\n  - name: all-critical\n    when: {priority: critical}\n    queue: q\n")
    put = await client.put("/api/routing/rules", json={"text": good}, headers=admin)
    assert put.status == 200
    stored = await (await client.get("/api/routing/rules", headers=admin)).json()
    assert stored["rules"]["rules"][0]["line"] == 6 and stored["source"].startswith("database")
    agents = {"Authorization": f"Bearer {tokens['agents']}"}
    put = await client.put("/api/routing/rules", json={"text": good}, headers=agents)
    assert put.status == 403
