"""The bot's side of a customer's photo (issue 20 §3; actions/photos.py, bot environment)
against the real backend and Tesseract: while the incident form asks which machine, a
nameplate of one of the customer's machines is asked back ("¿Es la …?", never assumed) and a
yes takes it, a no asks again; a plate of another customer's machine is not read and the
serial is asked for in words; an unverified sender's photo reveals nothing; a display's error
code is kept and filed in the incident's symptom."""

from __future__ import annotations

from typing import Any

import pytest

from backend.adapters.ocr import available
from tests.backend.helpers import call, inbound, verified_conversation
from tests.backend.ocr.photos import display_photo, plate_photo, send_photo
from tests.helpers.bot_actions import BOT_PYTHON, case, responses, run_cases, slots_set

pytestmark = [
    pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)"),
    pytest.mark.skipif(not available(), reason="no tesseract: make env installs it"),
]
READ = "actions.photos:ActionReadPhoto"
ASK = "actions.equipment:ActionAskEquipmentId"
VALIDATE = "actions.incident:ValidateIncidentForm"
CREATE = "actions.incident:ActionCreateIncident"
STRANGER = "+34600111222"


def photo_turn(action: str, cid: str, attachment: str, requested: str = "equipment_id",
               **slots: Any) -> dict[str, Any]:
    return case(action, cid, intent="photo_sent", form="incident_form", verified=True,
                requested_slot=requested, text=f'/photo_sent{{"attachment_id":"{attachment}"}}',
                entities=[{"entity": "attachment_id", "value": attachment}], **slots)


def answer(cid: str, text: str, intent: str) -> dict[str, Any]:
    return case(VALIDATE, cid, intent=intent, text=text, form="incident_form", verified=True,
                call="validate_equipment_id", requested_slot="equipment_id",
                plate_equipment_id="EQ-0002")


async def test_a_plate_is_asked_back_and_only_a_yes_takes_it(client: Any) -> None:
    cid = await verified_conversation(client)
    ours = await send_photo(client, plate_photo("SN-48213", "Ricoh IM C3000"))
    theirs = await send_photo(client, plate_photo("FRG-7781", "Carrier 2000", "C-1002"))
    base = str(client.server.make_url("")).rstrip("/")
    read, ask, yes, si, no, no_but, other, ask_again = await run_cases(base, [
        photo_turn(READ, cid, ours),
        photo_turn(ASK, cid, ours, plate_equipment_id="EQ-0002"),
        answer(cid, "/affirm", "affirm"),
        answer(cid, "sí, esa", "inform"),
        answer(cid, "no", "deny"),
        answer(cid, "no, es el compresor", "deny"),
        photo_turn(READ, cid, theirs),
        photo_turn(ASK, cid, theirs),
    ])
    assert slots_set(read) == {"plate_equipment_id": "EQ-0002"} and responses(read) == []
    [question] = ask["messages"]
    assert question["response"] == "utter_confirm_plate"
    assert (question["model"], question["serial"]) == ("Ricoh IM C3000", "SN-48213")
    for taken in (yes, si):
        assert slots_set(taken) == {"equipment_id": "EQ-0002", "serial_number": "SN-48213",
                                    "equipment_label": "Ricoh IM C3000 (SN-48213)",
                                    "plate_equipment_id": None}
    assert slots_set(no) == {"equipment_id": None, "plate_equipment_id": None}
    assert slots_set(no_but)["equipment_id"] == "EQ-0001"  # the machine named instead
    assert slots_set(no_but)["plate_equipment_id"] is None
    assert slots_set(other) == {} and responses(other) == ["utter_plate_not_read"]
    assert responses(ask_again) == ["utter_ask_equipment_serial"]  # in words, no list


async def test_an_unverified_senders_photo_reveals_nothing(client: Any) -> None:
    cid = str((await inbound(client, "sms", STRANGER, "hola"))["conversation_id"])
    photo = await send_photo(client, plate_photo("SN-48213", "Ricoh IM C3000"), STRANGER)
    base = str(client.server.make_url("")).rstrip("/")
    verifying = {**photo_turn(READ, cid, photo, requested="customer_code"),
                 "form": "verification_form"}
    verifying["slots"]["verified"] = False
    outside = {**verifying, "form": None}
    in_form, alone = await run_cases(base, [verifying, outside])
    assert responses(in_form) == ["utter_photo_needs_verification"]
    assert slots_set(in_form) == {} and alone == {"messages": [], "result": []}


async def test_a_display_code_is_filed_in_the_symptom(client: Any) -> None:
    cid = await verified_conversation(client)
    photo = await send_photo(client, display_photo("ERROR E-231"))
    base = str(client.server.make_url("")).rstrip("/")
    [read] = await run_cases(base, [photo_turn(READ, cid, photo, requested="symptom",
                                               equipment_id="EQ-0001")])
    assert slots_set(read) == {"display_codes": ["E-231"]}
    assert [(m["response"], m["codes"]) for m in read["messages"]] == [
        ("utter_display_codes_read", "E-231")]
    [filed] = await run_cases(base, [case(CREATE, cid, intent="inform", verified=True,
                                          equipment_id="EQ-0001", urgency="medium",
                                          symptom="el compresor se para solo",
                                          display_codes=["E-231"])])
    [told] = [m for m in filed["messages"] if m["response"].startswith("utter_incident_created")]
    status, seen = await call(client, "GET", f"/api/incidents/{told['incident_id']}", "agents")
    assert status == 200 and seen["symptom"] == "el compresor se para solo [display: E-231]"
    assert seen["equipment"]["id"] == "EQ-0001"
