"""Booking preventive maintenance: pick the equipment, keep the request verbatim; and the
customer's answer to a plan's "choose a slot" buttons (payload-only intent choose_slot)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import equipment_vars, utter_error
from actions.equipment import EquipmentValidation
from actions.equipment_match import chosen
from actions.errors import BackendError, InvalidTransition, NotFound, NotVerified
from actions.items import machines_named

SLOT_OUTCOMES = {"booked": "utter_slot_booked", "already_booked": "utter_slot_already_booked"}
SLOT_ERRORS = {NotVerified: "utter_slot_not_verified", NotFound: "utter_slot_gone",
               InvalidTransition: "utter_slot_gone"}  # 409: not offered, begun, or closed
FORM_SLOTS = ("equipment_id", "serial_number", "equipment_label", "maintenance_note", "task",
              "equipment_ids", "plate_equipment_id", "display_codes")
NOTE_WHEN_EMPTY = "preventive maintenance"  # data for the backend, never shown to the customer


class ValidateMaintenanceForm(EquipmentValidation, FormValidationAction):
    def name(self) -> str:
        return "validate_maintenance_form"

    async def validate_equipment_id(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """Several machines named ("both compute nodes", "la Jungheinrich y la Still"):
        one request for all of them (issue 13 §2)."""
        text = str(value or "")
        if not text.startswith("/"):
            try:
                machines = machines_named(text, await client().equipment(tracker.sender_id))
            except BackendError:
                machines = []
            if len(machines) > 1:
                return {**chosen(machines[0]),
                        "equipment_ids": [str(m.get("id")) for m in machines]}
        return await super().validate_equipment_id(value, dispatcher, tracker, domain)


class ActionBookMaintenance(Action):
    """POST a preventive incident for the chosen equipment."""

    def name(self) -> str:
        return "action_book_maintenance"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        several = list(tracker.get_slot("equipment_ids") or [])
        body = {"equipment_id": tracker.get_slot("equipment_id"),
                "symptom": tracker.get_slot("maintenance_note") or NOTE_WHEN_EMPTY,
                "priority": "medium",
                "service_type": "preventive",
                **({"equipment_ids": several} if len(several) > 1 else {})}
        try:
            incident = await client().create_incident(tracker.sender_id, body)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return [SlotSet(slot, None) for slot in FORM_SLOTS]
        if len(several) > 1:
            labels = {str(m.get("id")): f"{m.get('model')} ({m.get('serial')})"
                      for m in await _equipment(tracker)}
            dispatcher.utter_message(response="utter_maintenance_booked_several",
                                     incident_id=incident.get("id"), count=len(several),
                                     machines=", ".join(labels.get(i, i) for i in several))
        else:
            dispatcher.utter_message(response="utter_maintenance_booked",
                                     incident_id=incident.get("id"),
                                     **equipment_vars(incident.get("equipment")))
        return [SlotSet(slot, None) for slot in FORM_SLOTS]


async def _equipment(tracker: Tracker) -> list[dict[str, Any]]:
    try:
        return await client().equipment(tracker.sender_id)
    except BackendError:
        return []


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value).strip() if value else None


class ActionChooseSlot(Action):
    """Book the slot the customer tapped (its payload carries incident_id and time_slot)."""

    def name(self) -> str:
        return "action_choose_slot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        incident_id, slot = _entity(tracker, "incident_id"), _entity(tracker, "time_slot")
        if not incident_id or not slot:
            dispatcher.utter_message(response="utter_slot_gone")
            return []
        try:
            booked = await client().choose_slot(tracker.sender_id, incident_id, slot)
        except BackendError as exc:
            response = next((r for cls, r in SLOT_ERRORS.items() if isinstance(exc, cls)), None)
            if response is None:
                utter_error(dispatcher, exc)
            else:
                dispatcher.utter_message(response=response)
            return []
        dispatcher.utter_message(
            response=SLOT_OUTCOMES.get(str(booked.get("outcome")), "utter_slot_booked"),
            incident_id=booked.get("incident_id"), day=booked.get("day"),
            window=booked.get("window"), **equipment_vars(booked.get("equipment")))
        return []
