"""A cancellation finishes with its reason (actions/cancel.py, bot environment, against the
real backend): the request's own words and what the customer explains while the yes/no is
pending are recorded in the incident's history, a bare "yes" adds nothing to it, and a
description said while pending is noted as the reason (the confirmation asked again), never
opened as a new fault report; "cancel it" again while pending is a yes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.backend.followups.test_action_followups import BOT_PYTHON
from tests.backend.followups.test_api_followups import report
from tests.backend.helpers import call, verified_conversation
from tests.helpers.bot_actions import run_driver

DRIVER = """
import asyncio, json, sys
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from actions.cancel import ActionCancelIncident, ActionNoteCancelReason, ActionPrepareCancel

ACTIONS = {a().name(): a for a in (ActionCancelIncident, ActionNoteCancelReason,
                                   ActionPrepareCancel)}

async def main():
    slots = {"language": "en"}
    out = []
    for case in json.load(sys.stdin):
        tracker = Tracker(case["cid"], dict(slots),
                          {"intent": {"name": case["intent"]}, "entities": [],
                           "text": case["text"]},
                          [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = await ACTIONS[case["action"]]().run(dispatcher, tracker, {})
        slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        out.append({"messages": dispatcher.messages, "slots": dict(slots)})
    print(json.dumps(out))

asyncio.run(main())
"""
pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


async def play(client: Any, cid: str, turns: list[tuple[str, str, str]]) -> list[Any]:
    """One conversation: (action, intent, text) a turn, the slots carried from turn to turn."""
    cases = [{"cid": cid, "action": a, "intent": i, "text": t} for a, i, t in turns]
    return list(await run_driver(DRIVER, str(client.server.make_url("")).rstrip("/"), cases))


async def history(client: Any, incident: str) -> list[dict[str, Any]]:
    status, found = await call(client, "GET", f"/api/incidents/{incident}/reports", "agents")
    assert status == 200, found
    return list(found["events"])


async def test_the_reason_explained_while_pending_is_recorded_with_the_cancellation(client):
    cid = await verified_conversation(client)
    incident = await report(client, cid, "la xerox mancha las copias")
    turns = await play(client, cid, [
        ("action_prepare_cancel", "cancel_request", "lo de la xerox, anuladlo"),
        ("action_note_cancel_reason", "report_problem",
         "era el toner negro mal encajado, ya imprime perfecto"),
        ("action_cancel_incident", "affirm", "si"),
    ])
    assert [m["response"] for t in turns for m in t["messages"]] == [
        "utter_confirm_cancel", "utter_cancel_reason_noted",
        "utter_incident_cancelled_with_reason"]
    assert turns[1]["slots"]["cancel_pending"] is True  # still waiting for the yes
    assert turns[2]["slots"]["cancel_reason"] is None and not turns[2]["slots"]["cancel_pending"]
    [cancelled] = [e for e in await history(client, incident) if e["kind"] == "cancelled"]
    assert cancelled["note"] == ("lo de la xerox, anuladlo\n"
                                 "era el toner negro mal encajado, ya imprime perfecto")
    _, mine = await call(client, "GET", f"/api/conversations/{cid}/incidents", "actions")
    assert mine["incidents"] == []  # cancelled, and no new report opened


async def test_a_confirmation_that_explains_is_the_reason_and_a_bare_yes_is_not(client):
    cid = await verified_conversation(client)
    first = await report(client, cid, "cold store at 7 degrees")
    await play(client, cid, [
        ("action_prepare_cancel", "cancel_request", "you can cancel it"),
        ("action_cancel_incident", "affirm",
         "yes, the door wasn't closing properly, a pallet was catching the curtain"),
    ])
    [event] = [e for e in await history(client, first) if e["kind"] == "cancelled"]
    assert event["note"] == ("you can cancel it\n"
                             "yes, the door wasn't closing properly, a pallet was catching the "
                             "curtain")
    second = await report(client, cid, "alarm again")
    await play(client, cid, [("action_prepare_cancel", "cancel_request", "/cancel_request"),
                             ("action_prepare_cancel", "cancel_request", "yes please cancel")])
    [event] = [e for e in await history(client, second) if e["kind"] == "cancelled"]
    assert not event["note"]  # a button and a bare "cancel it" again (a yes) say no reason
