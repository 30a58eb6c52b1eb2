"""Booking preventive maintenance: pick the equipment, keep the request verbatim."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import client
from actions.common import equipment_vars, utter_error
from actions.equipment import EquipmentValidation
from actions.errors import BackendError

FORM_SLOTS = ("equipment_id", "serial_number", "equipment_label", "maintenance_note", "task")
NOTE_WHEN_EMPTY = "preventive maintenance"  # data for the backend, never shown to the customer


class ValidateMaintenanceForm(EquipmentValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_maintenance_form"


class ActionBookMaintenance(Action):
    """POST a preventive incident for the chosen equipment."""

    def name(self) -> Text:
        return "action_book_maintenance"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        body = {"equipment_id": tracker.get_slot("equipment_id"),
                "symptom": tracker.get_slot("maintenance_note") or NOTE_WHEN_EMPTY,
                "priority": "normal",
                "service_type": "preventive"}
        try:
            incident = await client().create_incident(tracker.sender_id, body)
        except BackendError as exc:
            utter_error(dispatcher, exc)
        else:
            dispatcher.utter_message(response="utter_maintenance_booked",
                                     incident_id=incident.get("id"),
                                     **equipment_vars(incident.get("equipment")))
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
