"""Reporting a fault: validate the incident form, then create the incident."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.duplicates import tell_filed
from actions.equipment import EquipmentValidation
from actions.errors import BackendError
from actions.handoff import collected, escalate
from actions.understanding import describes_fault
from actions.urgency import higher, parse_urgency_answer, read_urgency

FORM_SLOTS = ("equipment_id", "serial_number", "equipment_label", "symptom", "urgency")
MIN_SYMPTOM_CHARS = 3
# The backend's name of a level until its scale is renamed (issue 13 §8).
BACKEND_PRIORITY = {"medium": "normal"}


class ValidateIncidentForm(EquipmentValidation, FormValidationAction):
    def name(self) -> str:
        return "validate_incident_form"

    async def validate_symptom(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = str(value or "").strip()
        if tracker.get_slot("requested_slot") != "symptom":
            # Taken from the report itself: keep it only if it says what is wrong.
            return {"symptom": text if describes_fault(text) else None}
        if len(text) < MIN_SYMPTOM_CHARS or text.startswith("/"):
            dispatcher.utter_message(response="utter_symptom_too_short")
            return {"symptom": None}
        return {"symptom": text}

    async def extract_urgency(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        """Urgency read from every turn of the intake ("it has stopped now" raises it); the
        answer to the question itself is read by :meth:`validate_urgency`."""
        if tracker.get_slot("requested_slot") == "urgency":
            return {}
        current = tracker.get_slot("urgency")
        found = higher(current, read_urgency(str(tracker.latest_message.get("text") or "")))
        return {} if found == current else {"urgency": found}

    async def validate_urgency(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        urgency = parse_urgency_answer(str(value or ""))
        if urgency is None and tracker.get_slot("requested_slot") == "urgency":
            # Never a loop: an answer that says nothing readable is taken as medium, and said.
            dispatcher.utter_message(response="utter_urgency_assumed_medium")
            urgency = "medium"
        return {"urgency": urgency}


class ActionCreateIncident(Action):
    """POST the incident; tell its id; clear the form for the next report."""

    def name(self) -> str:
        return "action_create_incident"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        body = {"equipment_id": tracker.get_slot("equipment_id"),
                "symptom": tracker.get_slot("symptom"),
                "priority": backend_priority(tracker.get_slot("urgency")),
                "service_type": "corrective"}
        filed: list[EventType] = []
        try:
            result = await client().create_incident(tracker.sender_id, body)
        except BackendError as exc:
            utter_error(dispatcher, exc)
        else:  # created, merged into an open incident, or asked about one
            filed = tell_filed(dispatcher, tracker, result)
            if result.get("outcome") == "created":  # escalation rules, e.g. priority critical
                filed += await escalate(dispatcher, tracker, "rule", collected(tracker))
        return [SlotSet(slot, None) for slot in FORM_SLOTS + ("task",)] + filed


def backend_priority(level: str | None) -> str:
    """The priority the backend stores for an urgency level (medium when none was read)."""
    chosen = level or "medium"
    return BACKEND_PRIORITY.get(chosen, chosen)
