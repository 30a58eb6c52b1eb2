"""Forget a form that was stopped half-way, so the next request starts clean."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

FORM_SLOTS = ("otp_code", "equipment_id", "serial_number", "equipment_label", "symptom",
              "urgency", "maintenance_note", "task", "requested_slot", "equipment_ids",
              "plate_equipment_id", "display_codes")


class ActionResetForm(Action):
    def name(self) -> str:
        return "action_reset_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        events: list[EventType] = [SlotSet(slot, None) for slot in FORM_SLOTS]
        if not tracker.get_slot("verified"):
            events.append(SlotSet("customer_code", None))
        return events
