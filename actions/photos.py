"""A photo the customer sent (issue 20 §3). The gateway hands every stored photo to Rasa as
the intent ``photo_sent`` with its ``attachment_id`` (channels/core/photos.py); a customer can
never type it (channels/core/slash_guard.py). :class:`ActionReadPhoto` asks the backend to
read it (OCR, over HTTP, verified customers only):

- while a form asks which machine, one clear match among the customer's machines is kept in
  ``plate_equipment_id`` and asked back ("Is it the Kaeser SK 25, SN-48213?",
  actions/equipment.py), never assumed; a plate read as none of theirs says so and asks for
  the serial or the machine in words;
- a display's error codes are kept in ``display_codes`` and filed with the report
  (actions/incident.py); outside a form they join the open incident (the backend does it).

The yes or no to "Is it …?" is read by :func:`plate_answer` in the forms' validation.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.equipment_match import chosen, match_equipment
from actions.errors import BackendError, InvalidRequest, NotFound, NotVerified
from actions.parsing import words

PHOTO_INTENT = "photo_sent"
PENDING = "plate_equipment_id"  # the machine read off a plate, asked back, not yet confirmed
CODES = "display_codes"  # error codes read off a display, filed with the report
PHOTO_SLOTS = (PENDING, CODES)
MACHINE_FORMS = ("incident_form", "maintenance_form")
YES = frozenset(["si", "yes", "vale", "correcto", "exacto", "claro", "ok", "okay", "yep",
                 "yeah", "sure", "correct", "afirmativo", "eso", "esa", "ese"])
NO = frozenset(["no", "nope", "nop", "incorrecto", "wrong", "negativo", "tampoco"])


def sent_photo(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("intent") or {}).get("name") == PHOTO_INTENT


def _attachment(tracker: Tracker) -> str | None:
    entity = next((e for e in tracker.latest_message.get("entities") or []
                   if e.get("entity") == "attachment_id"), None)
    return str(entity["value"]) if entity and entity.get("value") else None


def asks_machine(tracker: Tracker) -> bool:
    return (tracker.active_loop_name in MACHINE_FORMS
            and tracker.get_slot("requested_slot") == "equipment_id")


class ActionReadPhoto(Action):
    """Read the photo just sent: the machine its plate names (to confirm), a display's codes."""

    def name(self) -> str:
        return "action_read_photo"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("verified"):  # an unverified sender's photo shows nothing
            if tracker.active_loop_name:
                dispatcher.utter_message(response="utter_photo_needs_verification")
            return []
        in_form = tracker.active_loop_name in MACHINE_FORMS
        try:
            read = await client().read_plate(tracker.sender_id, _attachment(tracker),
                                             into_incident=not in_form)
        except (InvalidRequest, NotFound):  # not an image Tesseract could read
            read = {"match": None, "error_codes": []}
        except NotVerified:
            return []
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return []
        events: list[EventType] = []
        codes = [str(c) for c in read.get("error_codes") or []]
        if codes and in_form:
            kept = list(tracker.get_slot(CODES) or [])
            events.append(SlotSet(CODES, list(dict.fromkeys(kept + codes))))
            dispatcher.utter_message(response="utter_display_codes_read", codes=", ".join(codes))
        elif codes and read.get("incident_id"):
            dispatcher.utter_message(response="utter_display_codes_added",
                                     codes=", ".join(codes), incident_id=read["incident_id"])
        if asks_machine(tracker):
            match = read.get("match")
            if match:
                events.append(SlotSet(PENDING, str(match["equipment_id"])))
            elif not codes:
                dispatcher.utter_message(response="utter_plate_not_read")
        return events


def _yes_no(tracker: Tracker, text: str) -> bool | None:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if text.startswith("/"):
        return {"affirm": True, "deny": False}.get(str(intent))
    said = words(text)
    if said and said[0] in YES:
        return True
    if said and said[0] in NO:
        return False
    return {"affirm": True, "deny": False}.get(str(intent))


def plate_answer(value: Any, tracker: Tracker,
                 items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The form's slots for the answer to "Is it the …?" (a machine read off a plate): yes
    takes that machine, no asks which machine as before; None when no plate was asked about
    or the answer is neither (it is then read as any answer naming a machine)."""
    pending = tracker.get_slot(PENDING)
    if not pending or tracker.get_slot("requested_slot") != "equipment_id":
        return None
    text = str(value or "")
    answer = _yes_no(tracker, text)
    if answer is None or (answer is False and match_equipment(text, items) is not None):
        return None  # "no, it is the Atlas Copco": the machine named is read as usual
    item = next((i for i in items if i.get("id") == pending), None)
    if answer and item is not None:
        return {**chosen(item), PENDING: None}
    return {"equipment_id": None, PENDING: None}
