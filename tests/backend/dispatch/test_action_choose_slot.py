"""`action_choose_slot` (actions/maintenance.py, bot environment) against the real backend
endpoint: a verified customer's tap books the slot, a second tap is told what is booked,
a slot gone / a missing payload / an unverified customer / a backend down each get their
own answer. The action runs in .venv/bot (rasa-sdk) the way the action server runs it;
the responses it names exist in the domain in Spanish and English."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import yaml

from backend.bootstrap import create_app
from backend.config import Settings
from backend.services.dispatch import maintenance_slots
from backend.services.dispatch.maintenance import generate_maintenance
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.dispatch.test_maintenance_slots import PLANS
from tests.backend.helpers import h
from tests.conftest import FakeClock
from tests.helpers.bot_actions import BOT_PYTHON, ROOT, run_driver

DRIVER = """
import asyncio, json, sys
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from actions.maintenance import ActionChooseSlot

async def main():
    out = []
    for case in json.load(sys.stdin):
        tracker = Tracker(case["cid"], {"language": case["language"]},
                          {"intent": {"name": "choose_slot"}, "entities": case["entities"]},
                          [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = await ActionChooseSlot().run(dispatcher, tracker, {})
        out.append({"messages": dispatcher.messages, "events": events})
    print(json.dumps(out))

asyncio.run(main())
"""
pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")
MADRID = ZoneInfo("Europe/Madrid")


def tap(cid: str, incident: str | None, slot: str | None, language: str = "es"
        ) -> dict[str, Any]:
    entities = [{"entity": k, "value": v} for k, v in (("incident_id", incident),
                                                         ("time_slot", slot)) if v]
    return {"cid": cid, "language": language, "entities": entities}


async def run_action(base_url: str, token: str, cases: list[dict[str, Any]]) -> list[Any]:
    return [r["messages"] for r in await run_driver(DRIVER, base_url, cases, token)]


def said(messages: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(m["response"], {k: v for k, v in m.items() if k not in (
        "response", "text", "buttons", "elements", "custom", "template", "image",
        "attachment") and v is not None}) for m in messages]


async def test_action_books_and_answers_each_case(
        desk_db: str, aiohttp_server: Any, tokens: dict[str, str], clock: FakeClock,
        uows: UnitOfWorkFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not desk_db.startswith("sqlite"):
        pytest.skip("the action's HTTP path is exercised once, on SQLite")
    plans = tmp_path / "plans.yml"
    plans.write_text(PLANS, encoding="utf-8")
    monkeypatch.setattr(maintenance_slots, "PLANS_FILE", plans)
    clock.now = datetime(2026, 6, 5, 10, 0, tzinfo=MADRID)
    first, second = (await generate_maintenance(uows, clock.now, PLANS))["created"]
    server = await aiohttp_server(create_app(Settings(database_url=desk_db, tokens=tokens),
                                             clock=clock))
    base = str(server.make_url("")).rstrip("/")

    async with aiohttp.ClientSession(headers=h("gateway")) as session:
        async def conversation(channel: str, address: str) -> str:
            resp = await session.post(f"{base}/api/messages/inbound", json={
                "channel": channel, "address": address, "text": "hola"})
            return str((await resp.json())["conversation_id"])

        marta = await conversation("telegram", "100200301")
        stranger = await conversation("telegram", "999000111")
    results = await run_action(base, tokens["actions"], [
        tap(marta, first, "2026-06-15 16:00-18:00"),
        tap(marta, first, "2026-06-15 09:00-11:00"),
        tap(marta, second, "2026-06-16 09:00-11:00"),
        tap(marta, None, None),
        tap(stranger, second, "2026-06-15 09:00-11:00"),
    ])
    equipment = {"model": "Atlas Copco GA 37 VSD", "serial": "CMP-2291-X"}
    slot = {"incident_id": first, "day": "15/06/2026", "window": "16:00-18:00", **equipment}
    assert [said(m) for m in results] == [
        [("utter_slot_booked", slot)],
        [("utter_slot_already_booked", slot)],  # nothing changed; told what is booked
        [("utter_slot_gone", {})],              # not a slot offered for that visit
        [("utter_slot_gone", {})],              # a payload without its entities
        [("utter_slot_not_verified", {})],
    ]
    down = await run_action("http://127.0.0.1:9", tokens["actions"],
                            [tap(marta, second, "2026-06-15 09:00-11:00")])
    assert said(down[0]) == [("utter_backend_unavailable", {})]


def test_every_answer_exists_in_spanish_and_english() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "maintenance.yml").read_text("utf-8"))
    assert "choose_slot" in domain["intents"] and "time_slot" in domain["entities"]
    assert "action_choose_slot" in domain["actions"]
    given = {"incident_id", "day", "window", "model", "serial"}
    for name in ("utter_slot_booked", "utter_slot_already_booked", "utter_slot_gone",
                 "utter_slot_not_verified"):
        es, en = domain["responses"][name]
        assert es["condition"] == [{"type": "slot", "name": "language", "value": "es"}]
        assert "condition" not in en  # English is the default variation
        for variant in (es, en):
            assert set(re.findall(r"{(\w+)}", variant["text"])) <= given, (name, variant)
