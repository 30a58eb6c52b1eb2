"""A correction of the machine after the incident was filed (issue 13 §1).

"se nos ha caido el servidor del rack A07" files the incident at once; "perdon error mio, es
el del A08, el A07 va bien" in the next message takes it back: whatever the NLU made of it
(a new report, a bare value, nothing known), a message that apologises or denies the filed
incident's machine and names another one of the customer's moves that incident to it while
no technician has it (``POST …/incidents/{id}/equipment``); once it has one, the customer is
told a person will change it (the message is on the incident anyway). The incident filed in
this conversation is the ``filed_incident`` slot (actions/incident.py).
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import client
from actions.common import utter_error
from actions.corrections import denied, takes_back
from actions.equipment_match import chosen, corrected_to, denies
from actions.errors import BackendError, InvalidTransition
from actions.reset import FORM_SLOTS

OPEN_TO_CORRECT = ("new", "assigned")  # before a technician accepts (the backend's rule)


async def refile(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """The events of moving the filed incident to the machine now named, or None when the
    message is no such correction (the caller goes on as usual)."""
    filed = tracker.get_slot("filed_incident")
    text = str(tracker.latest_message.get("text") or "")
    if (not filed or tracker.active_loop_name or text.startswith("/")
            or not (takes_back(text) or denied(text))):
        return None
    try:
        incident = await client().incident(tracker.sender_id, str(filed))
        items = await client().equipment(tracker.sender_id)
    except BackendError:
        return None
    if incident.get("state") not in OPEN_TO_CORRECT:
        return None  # cancelled or worked on meanwhile: no correction of it now
    current = (incident.get("equipment") or {}).get("id")
    found = corrected_to(text, items, current)
    if found is None or not (takes_back(text) or denies(text, items, current)):
        return None  # "sorry to bother you again, the fridge too" is a report of its own
    label = chosen(found)["equipment_label"]
    cleared: list[EventType] = [SlotSet(slot, None) for slot in FORM_SLOTS]
    try:
        await client().change_equipment(tracker.sender_id, str(filed), str(found["id"]))
    except InvalidTransition:
        dispatcher.utter_message(response="utter_incident_machine_kept", incident_id=filed,
                                 equipment_label=label)
        return cleared
    except BackendError as exc:
        utter_error(dispatcher, exc)
        return cleared
    dispatcher.utter_message(response="utter_incident_machine_changed", incident_id=filed,
                             equipment_label=label)
    return cleared
