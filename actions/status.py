"""Status of incidents: the one asked about, or the customer's open ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.callback_text import asks_callback
from actions.common import incident_buttons, named_or_open
from actions.errors import BackendError
from actions.followups import record_callback
from actions.parsing import normalize_incident_id
from actions.status_facts import status_text
from actions.urgency import higher, read_urgency


async def worse_now(tracker: Tracker, incident: Mapping[str, Any]) -> Mapping[str, Any]:
    """A status question that also says it got worse ("ya no arranca… estamos suspendiendo
    las cirugías, ¿viene alguien?") is filed as a report on the incident's machine too: the
    backend's duplicate check adds it to the incident and raises its priority (an ask is
    answered with this incident at once). The incident as it is now."""
    text = str(tracker.latest_message.get("text") or "").strip()
    level = read_urgency(text) if text and not text.startswith("/") else None
    equipment = (incident.get("equipment") or {}).get("id")
    now = str(incident.get("priority") or "")
    if level is None or equipment is None or higher(now, level) == now:
        return incident
    body = {"equipment_id": equipment, "symptom": text, "priority": level}
    try:
        result = await client().create_incident(tracker.sender_id, body)
        if result.get("outcome") == "ask" and result.get("pending_report"):
            await client().answer_report(tracker.sender_id, str(result["pending_report"]),
                                         str(incident.get("id")))
        return await client().incident(tracker.sender_id, str(incident.get("id")))
    except BackendError:
        return incident


def utter_status(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                 incident: Mapping[str, Any]) -> None:
    """What is true about the incident, in one message (actions/status_facts.py)."""
    language = tracker.get_slot("language")
    dispatcher.utter_message(text=status_text(domain, incident, language))


class ActionCheckStatus(Action):
    def name(self) -> str:
        return "action_check_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        incident_id = normalize_incident_id(tracker.get_slot("incident_id") or "")
        # "¿viene alguien hoy? q me marque el técnico al 630 41 77 26 entre las 16 y las 18h"
        text = str(tracker.latest_message.get("text") or "")
        done: list[EventType] = [SlotSet("incident_id", None), SlotSet("task", None)]
        if asks_callback(text):
            done = await record_callback(dispatcher, tracker) + done
        found = await named_or_open(dispatcher, tracker, incident_id)
        if found is None:
            return done
        incident, incidents = found
        if incident is not None:
            utter_status(dispatcher, tracker, domain, await worse_now(tracker, incident))
            return done
        if not incidents:
            dispatcher.utter_message(response="utter_no_open_incidents")
        elif len(incidents) == 1:
            utter_status(dispatcher, tracker, domain, await worse_now(tracker, incidents[0]))
        else:
            dispatcher.utter_message(response="utter_choose_incident_status",
                                     count=len(incidents),
                                     buttons=incident_buttons(incidents, "check_status"))
        return done
