"""Which equipment: list the customer's own as buttons, validate what they chose.

Shared by the incident form and the maintenance form (slot ``equipment_id``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import MAX_BUTTONS, equipment_vars, payload, utter_error
from actions.equipment_match import chosen, match_equipment
from actions.errors import BackendError
from actions.photos import PENDING, plate_answer, sent_photo


def equipment_button(item: Mapping[str, Any]) -> dict[str, str]:
    site = item.get("site") or {}
    where = f" · {site.get('name')}" if site.get("name") else ""
    return {"title": f"{item.get('model')} ({item.get('serial')}){where}",
            "payload": payload("inform", "equipment_id", str(item.get("id")))}


class ActionAskEquipmentId(Action):
    """The machine read off a photo's plate asked back ("Is it the …?", yes/no buttons);
    else buttons with the customer's equipment (up to MAX_BUTTONS); else, or right after a
    photo that named none of them, ask for the serial or a description."""

    def name(self) -> str:
        return "action_ask_equipment_id"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            items = await client().equipment(tracker.sender_id)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            items = []
        read = next((i for i in items if i.get("id") == tracker.get_slot(PENDING)), None)
        if read is not None:
            dispatcher.utter_message(response="utter_confirm_plate", **equipment_vars(read))
        elif 0 < len(items) <= MAX_BUTTONS and not sent_photo(tracker):
            dispatcher.utter_message(response="utter_choose_equipment",
                                     buttons=[equipment_button(i) for i in items])
        else:
            dispatcher.utter_message(response="utter_ask_equipment_serial")
        return []


class EquipmentValidation:
    """Mixin for form validation actions: ``equipment_id`` must be the customer's own."""

    async def validate_equipment_id(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        try:
            items = await client().equipment(tracker.sender_id)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return {"equipment_id": None}
        answer = plate_answer(value, tracker, items)
        if answer is not None:
            return answer
        item = match_equipment(str(value or ""), items)
        if item is None:
            # Taken from the request itself ("my compressor leaks"): ask quietly instead.
            if tracker.get_slot("requested_slot") == "equipment_id":
                dispatcher.utter_message(response="utter_equipment_not_found")
            return {"equipment_id": None, **_clear_plate(tracker)}
        return {**chosen(item), **_clear_plate(tracker)}


def _clear_plate(tracker: Tracker) -> dict[str, Any]:
    """A machine asked about from a photo is forgotten once the customer answers otherwise."""
    return {PENDING: None} if tracker.get_slot(PENDING) else {}

