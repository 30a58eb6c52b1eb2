"""The bot's side of complaints and call-backs (actions/followups.py, bot environment) against
the real backend: a complaint is recorded in the customer's words on their incident and
raised to a person (the handoff names it); a request for a person that reads as a call-back
keeps the number and window typed in free text; one without a number asks for it and the
answer completes it; a plain request for a person is a handoff and records no call-back.
The actions run in .venv/bot (rasa-sdk) the way the action server runs them."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.backend.followups.test_api_followups import report
from tests.backend.helpers import call, inbound, verified_conversation
from tests.helpers.bot_actions import BOT_PYTHON, ROOT, run_driver

DRIVER = """
import asyncio, json, sys
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from actions.followups import (ActionBareValue, ActionFallbackHandoff, ActionHandoffInForm,
                               ActionRecordCallback, ActionRecordComplaint, ActionRequestHandoff)

ACTIONS = {a().name(): a for a in (ActionBareValue, ActionFallbackHandoff, ActionHandoffInForm,
                                   ActionRecordCallback, ActionRecordComplaint,
                                   ActionRequestHandoff)}

async def main():
    out = []
    for case in json.load(sys.stdin):
        tracker = Tracker(case["cid"], case["slots"],
                          {"intent": {"name": case["intent"]}, "entities": [],
                           "text": case["text"]},
                          [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = await ACTIONS[case["action"]]().run(dispatcher, tracker, {})
        out.append({"messages": dispatcher.messages, "events": events})
    print(json.dumps(out))

asyncio.run(main())
"""
pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")
HANDOFF_ANSWERS = {"utter_handoff_queued", "utter_handoff_assigned",
                   "utter_handoff_out_of_hours", "utter_handoff_task_callback",
                   "utter_handoff_task_message"}


def turn(action: str, cid: str, text: str, intent: str, **slots: Any) -> dict[str, Any]:
    return {"action": action, "cid": cid, "text": text, "intent": intent,
            "slots": {"language": "es", **slots}}


async def run_actions(client: Any, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(await run_driver(DRIVER, str(client.server.make_url("")).rstrip("/"), cases))


def responses(result: dict[str, Any]) -> list[str]:
    return [m["response"] for m in result["messages"]]


async def callbacks(client: Any, customer: str) -> list[dict[str, Any]]:
    """The call-back requests listed to the agents for ``customer``."""
    _, listed = await call(client, "GET", f"/api/callbacks?customer={customer}", "agents")
    return list(listed["callbacks"])


async def numbers_and_windows(client: Any, customer: str) -> list[tuple[str, str]]:
    return [(c["number"], c["window"]) for c in await callbacks(client, customer)]


def slots_set(result: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in result["events"] if e.get("event") == "slot"}


async def test_a_complaint_is_recorded_on_the_incident_and_raised_to_a_person(client: Any):
    cid = await verified_conversation(client)
    incident = await report(client, cid)
    words = "es la tercera vez este mes y el tecnico no arreglo nada, quiero poner una queja"
    [result] = await run_actions(client, [turn("action_record_complaint", cid, words,
                                               "complain")])
    said = responses(result)
    assert said[0] == "utter_complaint_recorded" and said[1] in HANDOFF_ANSWERS, said
    assert result["messages"][0]["incident_id"] == incident
    _, listed = await call(client, "GET", "/api/complaints?customer=C-1001", "agents")
    [complaint] = listed["complaints"]
    assert (complaint["text"], complaint["incident_id"]) == (words, incident)
    assert complaint["handoff_id"] is not None  # the handoff raising it names it
    _, messages = await call(client, "GET", f"/api/conversations/{cid}/messages", "agents")
    assert messages["conversation"]["handled_by"] != "bot"


async def test_a_callback_typed_in_free_text_keeps_number_and_window(client: Any):
    cid = await verified_conversation(client)
    incident = await report(client, cid)
    [result] = await run_actions(client, [turn(
        "action_request_handoff", cid, "llamame al 644 01 92 83 antes d las 14h q luego me voy",
        "request_human")])
    assert responses(result) == ["utter_callback_recorded"]
    assert (result["messages"][0]["number"], result["messages"][0]["window"]) == (
        "644019283", "antes de las 14:00")
    assert [(c["number"], c["window"], c["incident_id"])
            for c in await callbacks(client, "C-1001")] == [
        ("644019283", "before 14:00", incident)]
    _, messages = await call(client, "GET", f"/api/conversations/{cid}/messages", "agents")
    assert messages["conversation"]["handled_by"] == "bot"  # the bot still answers


async def test_a_callback_without_a_number_asks_for_it_and_keeps_the_window(client: Any):
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    asked, = await run_actions(client, [turn(
        "action_request_handoff", cid, "could you call me back between 4 and 6pm?",
        "request_human", language="en")])
    assert responses(asked) == ["utter_callback_ask_number"]
    pending = slots_set(asked)
    assert pending["callback_pending"] is True
    done, = await run_actions(client, [turn(
        "action_record_callback", cid, "on 677 123 450", "inform", language="en",
        callback_request=pending["callback_request"])])
    assert responses(done) == ["utter_callback_recorded"]
    assert done["messages"][0]["window"] == "16:00-18:00"
    assert slots_set(done) == {"callback_pending": False, "callback_request": None}
    assert await numbers_and_windows(client, "C-1002") == [("677123450", "16:00-18:00")]


async def test_a_plain_request_for_a_person_is_a_handoff_not_a_callback(client: Any):
    cid = await verified_conversation(client)
    [result] = await run_actions(client, [turn(
        "action_request_handoff", cid, "quiero hablar con una persona ya", "request_human")])
    assert set(responses(result)) <= HANDOFF_ANSWERS and responses(result), result
    assert await callbacks(client, "C-1001") == []


async def test_a_bare_value_that_reads_as_a_callback_is_one_and_others_are_asked_again(
        client: Any):
    cid = (await inbound(client, "email", "alice.grey@northwind.example"))["conversation_id"]
    kept, other = await run_actions(client, [
        turn("action_bare_value", cid, "pls call me back on 677 123 450 between 4 and 6pm",
             "inform", language="en"),
        turn("action_bare_value", cid, "EQ-0001", "inform", language="en")])
    assert responses(kept) == ["utter_callback_recorded"]
    assert responses(other) == ["utter_please_rephrase"]
    assert await numbers_and_windows(client, "C-1002") == [("677123450", "16:00-18:00")]


async def test_a_callback_the_nlu_did_not_understand_is_recorded_others_rephrased(
        client: Any):
    cid = await verified_conversation(client)
    words = ("Les añado un dato: el ruido empezó tras cambiar los filtros.\n"
             "Por favor llámenme al 664 38 01 27, estaré localizable de 9 a 11.")
    kept, other = await run_actions(client, [
        turn("action_fallback_handoff", cid, words, "nlu_fallback"),
        turn("action_fallback_handoff", cid, "the technician called at 3 and left", "nlu_fallback",
             language="en")])
    assert responses(kept) == ["utter_callback_recorded"]
    assert kept["messages"][0]["number"] == "664380127"
    assert responses(other) == ["utter_please_rephrase"]
    assert await numbers_and_windows(client, "C-1001") == [("664380127", "09:00-11:00")]


async def test_a_callback_asked_inside_the_incident_form_is_kept_and_the_form_goes_on(
        client: Any):
    cid = await verified_conversation(client)
    [result] = await run_actions(client, [turn(
        "action_handoff_in_form", cid, "can someone call me back at 0161 496 0321 after 2pm",
        "request_human", language="en", requested_slot="symptom")])
    assert responses(result) == ["utter_callback_recorded"]
    assert not [e for e in result["events"] if e.get("event") == "active_loop"]
    assert [c["number"] for c in await callbacks(client, "C-1001")] == ["01614960321"]


async def test_a_person_asked_inside_the_incident_form_stops_it_when_one_takes_over(
        client: Any):
    cid = await verified_conversation(client)
    [result] = await run_actions(client, [turn(
        "action_handoff_in_form", cid, "quiero hablar con una persona", "request_human",
        requested_slot="symptom", symptom="algo")])
    said = responses(result)
    assert said[0] == "utter_handoff" and set(said[1:]) <= HANDOFF_ANSWERS, said
    if any(e.get("event") == "pause" for e in result["events"]):
        assert {"event": "active_loop", "name": None} in [
            {k: e.get(k) for k in ("event", "name")} for e in result["events"]]
        assert slots_set(result)["symptom"] is None


def test_every_answer_exists_in_spanish_and_english() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "digress.yml").read_text("utf-8"))
    assert {"action_record_complaint", "action_record_callback"} <= set(domain["actions"])
    given = {"incident_id", "number", "window"}
    for name in ("utter_complaint_recorded", "utter_callback_recorded",
                 "utter_callback_recorded_no_window", "utter_callback_ask_number"):
        es, en = domain["responses"][name]
        assert es["condition"] == [{"type": "slot", "name": "language", "value": "es"}]
        assert "condition" not in en
        for variant in (es, en):
            assert set(re.findall(r"{(\w+)}", variant["text"])) <= given, (name, variant)
