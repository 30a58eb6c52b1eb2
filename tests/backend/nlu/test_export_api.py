"""GET/POST /api/admin/nlu/export (preview, then write) and the agent's flag as the admin
review list shows it: admin token only, in the OpenAPI document, preview writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.api.routes_admin_nlu import NLU_CONFIG
from backend.services.nlu.config import NluConfig
from tests.backend.helpers import call, inbound

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _bot(tmp: Path) -> Path:
    bot = tmp / "bot"
    (bot / "data" / "nlu").mkdir(parents=True)
    (bot / "domain").mkdir()
    (bot / "data" / "nlu" / "problems.yml").write_text("nlu:\n- intent: report_problem\n")
    (bot / "data" / "nlu" / "labelled_old.yml").write_text("nlu: []\n")
    (bot / "domain" / "core.yml").write_text(
        "intents:\n- report_problem\nentities:\n- serial_number\n")
    return bot


async def _labelled(client: Any) -> list[str]:
    ids = []
    for text, intent in [("la prensa pierde aceite, soy Marta, 612 34 56 78", "report_problem"),
                         ("quiero una copia de la factura", "ask_invoice_copy"),
                         ("reinicia todo", "restart")]:
        mid = (await inbound(client, "telegram", "555", text))["message_id"]
        status, _ = await call(client, "POST", f"/api/admin/nlu/messages/{mid}/label",
                               json={"intent": intent, "entities": []})
        assert status == 200
        ids.append(mid)
    return ids


async def test_preview_then_export_with_the_admin_token_only(client: Any, tmp_path: Path) -> None:
    bot = _bot(tmp_path)
    client.server.app[NLU_CONFIG] = NluConfig(("http://rasa.invalid",), "t", root=tmp_path)
    await _labelled(client)
    for role, expected in [("agents", 403), ("gateway", 403), ("actions", 403)]:
        assert (await call(client, "GET", "/api/admin/nlu/export", role))[0] == expected
        assert (await call(client, "POST", "/api/admin/nlu/export", role, json={}))[0] == expected
    assert (await client.post("/api/admin/nlu/export", json={})).status == 401

    status, plan = await call(client, "GET", "/api/admin/nlu/export")
    assert status == 200
    assert plan["labelled"] == 3 and plan["written"] is False
    assert plan["files"] == {"labelled_new.yml": 1, "labelled_problems.yml": 1}
    assert plan["changes"] == {"data/nlu/labelled_new.yml": "new",
                               "data/nlu/labelled_problems.yml": "new",
                               "domain/labelled_intents.yml": "new",
                               "data/nlu/labelled_old.yml": "removed"}
    assert plan["skipped"] == {"restart": 1} and plan["new_intents"] == ["ask_invoice_copy"]
    assert sorted(p.name for p in bot.rglob("labelled_*")) == ["labelled_old.yml"]

    status, done = await call(client, "POST", "/api/admin/nlu/export", json={})
    assert status == 200 and done["changes"] == plan["changes"] and done["written"] is True
    assert sorted(p.name for p in bot.rglob("labelled_*")) == [
        "labelled_intents.yml", "labelled_new.yml", "labelled_problems.yml"]
    problems = (bot / "data" / "nlu" / "labelled_problems.yml").read_text()
    assert "soy Alex, 600 000 000" in problems and "Marta" not in problems
    status, again = await call(client, "GET", "/api/admin/nlu/export")
    assert set(again["changes"].values()) == {"unchanged"}


async def test_export_routes_are_in_the_openapi_document(client: Any) -> None:
    status, doc = await call(client, "GET", "/api/openapi.json")
    assert status == 200
    path = doc["paths"]["/api/admin/nlu/export"]
    assert path["get"]["x-roles"] == ["admin"] and path["post"]["x-roles"] == ["admin"]
    assert path["get"]["operationId"] != path["post"]["operationId"]
    schema = path["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"files", "changes", "labelled", "new_intents"} <= set(schema["required"])
    assert "nothing is written" in path["get"]["summary"]
    assert doc["paths"]["/api/nlu/messages/{mid}/flag"]["post"]["x-roles"] == ["admin", "agents"]


async def test_a_flag_reaches_the_review_list_with_who_and_why(client: Any) -> None:
    mid = (await inbound(client, "telegram", "777", "lo de siempre, ya sabéis"))["message_id"]
    status, _ = await call(client, "POST", f"/api/nlu/messages/{mid}/flag", "agents",
                           json={"reason": "pide la revisión anual"})
    assert status == 200
    status, review = await call(client, "GET", "/api/admin/nlu/review")
    [item] = [i for i in review["items"] if i["message_id"] == mid]
    assert item["reasons"] == ["flagged"]
    assert item["flag"]["by"] == "agents-token"
    assert item["flag"]["reason"] == "pide la revisión anual"
    status, detail = await call(client, "GET", f"/api/admin/nlu/messages/{mid}")
    assert detail["flag"]["by"] == "agents-token"


async def test_cli_export_dry_run_reports_and_writes_nothing(
        client: Any, demo_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio
    import json

    from backend.entrypoints.cli import main as cli

    bot = _bot(tmp_path)
    await _labelled(client)
    monkeypatch.setenv("DATABASE_URL", demo_db)
    monkeypatch.setenv("AVISA_ROOT", str(tmp_path))
    monkeypatch.setenv("AVISA_TOKENS_FILE", str(tmp_path / "none.env"))
    assert await asyncio.to_thread(cli.main, ["nlu", "export", "--dry-run"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["written"] is False and plan["new_intents"] == ["ask_invoice_copy"]
    assert sorted(p.name for p in bot.rglob("labelled_*")) == ["labelled_old.yml"]
    assert await asyncio.to_thread(cli.main, ["nlu", "export"]) == 0
    assert json.loads(capsys.readouterr().out)["written"] is True
    assert (bot / "data" / "nlu" / "labelled_new.yml").exists()
