"""Run actions of actions/ in .venv/bot (rasa-sdk), the way the action server runs them,
against a real backend: each case names an action class (``module:Class``), the tracker it
sees (slots, active form, latest message) and what to call — ``run``, or a form validation's
``validate_<slot>`` / ``extract_<slot>`` with the value."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BOT_PYTHON = ROOT / ".venv" / "bot" / "bin" / "python"
DRIVER = """
import asyncio, importlib, json, sys
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

async def one(case):
    module, name = case["action"].split(":")
    action = getattr(importlib.import_module(module), name)()
    loop = {"name": case["form"]} if case.get("form") else {}
    latest = {"intent": {"name": case["intent"]}, "entities": case.get("entities", []),
              "text": case.get("text", "")}
    tracker = Tracker(case["cid"], case["slots"], latest, case.get("events", []), False,
                      None, loop, "action_listen")
    dispatcher = CollectingDispatcher()
    if case.get("call", "run") == "run":
        result = await action.run(dispatcher, tracker, {})
    else:
        result = await getattr(action, case["call"])(case.get("text"), dispatcher, tracker, {})
    return {"messages": dispatcher.messages, "result": result}

async def main():
    print(json.dumps([await one(case) for case in json.load(sys.stdin)]))

asyncio.run(main())
"""


def case(action: str, cid: str, *, intent: str, text: str = "", form: str | None = None,
         call: str = "run", **slots: Any) -> dict[str, Any]:
    """One action call; ``entities`` and ``events`` may be given among ``slots``."""
    extra = {k: slots.pop(k) for k in ("entities", "events") if k in slots}
    return {"action": action, "cid": cid, "intent": intent, "text": text, "form": form,
            "call": call, "slots": {"language": "es", **slots}, **extra}


async def run_cases(base_url: str, cases: list[dict[str, Any]],
                    token: str = "test-token-actions") -> list[dict[str, Any]]:
    """Each case's ``messages`` (what the dispatcher was told) and ``result`` (events of a
    run, the slots a validation returned)."""
    return list(await run_driver(DRIVER, base_url, cases, token))


async def run_driver(driver: str, base_url: str, cases: list[dict[str, Any]],
                     token: str = "test-token-actions") -> Any:
    """``driver`` (a Python script reading the cases as JSON on stdin, printing JSON) run by
    .venv/bot's Python with the backend at ``base_url``."""
    env = {**os.environ, "AVISA_BACKEND_URL": base_url, "AVISA_TOKEN_ACTIONS": token,
           "PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        str(BOT_PYTHON), "-c", driver, cwd=ROOT, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(json.dumps(cases).encode()), 300)
    assert proc.returncode == 0, err.decode()
    return json.loads(out)


def responses(outcome: dict[str, Any]) -> list[str]:
    return [str(m["response"]) for m in outcome["messages"]]


def slots_set(outcome: dict[str, Any]) -> dict[str, Any]:
    """The slots an outcome sets: SlotSet events of a run, or a validation's dict."""
    result = outcome["result"]
    if isinstance(result, dict):
        return result
    return {e["name"]: e["value"] for e in result if e.get("event") == "slot"}
