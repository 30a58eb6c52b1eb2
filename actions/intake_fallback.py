"""A fault report the NLU could not place (issue 13 §1).

"kitchen fridge (the 2 door infrico) at 11C with food inside, need some1 asap" or "la
envasadora de la linea 1 no sella bien las bolsas" may read to the classifier as nothing it
knows; when a verified customer's message says what is wrong (a symptom or a risk, not only
words: "mejor un sabado, que entre semana no paramos" is none) and names one or more of
their machines, it is taken as a report: the incident form starts with it as the description, on
the machine it names (asked with buttons when it names several alike), or, when it names
none firmly, the machine of the incident the conversation filed: the report goes to the
duplicate check, which adds it there (and raises its priority when it says it is worse). A
correction ("perdon, es el del A08") is not a new report.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import client
from actions.cancel import prepare_cancel
from actions.corrections import denied, says_sorry
from actions.duplicates import tell_filed
from actions.equipment_match import best_by_words, chosen, match_equipment, named_firmly
from actions.errors import BackendError
from actions.parsing import asks_to_cancel, fold
from actions.reset import FORM_SLOTS
from actions.understanding import (
    asks_without_fault,
    denies_fault,
    describes_fault,
    says_something_wrong,
)
from actions.urgency import read_urgency
from actions.who import identity_events


async def fault_report(tracker: Tracker) -> list[EventType]:
    """The events that start the incident form on this message, or [] when it is no report."""
    text = str(tracker.latest_message.get("text") or "")
    if (tracker.get_slot("verified") is False or tracker.active_loop_name
            or text.startswith("/") or not describes_fault(text)
            or not says_something_wrong(text) or says_sorry(text) or denied(text)
            or denies_fault(text)):
        return []
    try:  # the first message of a conversation: nothing has asked who is writing yet
        verified, known = ((True, []) if tracker.get_slot("verified")
                           else await identity_events(tracker))
        items = await client().equipment(tracker.sender_id) if verified else []
        found = match_equipment(text, items)
        if found is None or not named_firmly(text, found):
            found = await _filed_machine(tracker, items) or found
    except BackendError:
        return []
    if found is None and not best_by_words(text, items):
        return []
    events: list[EventType] = [*known, SlotSet("task", "report"), SlotSet("symptom", text)]
    if found is not None:
        events += [SlotSet(slot, value) for slot, value in chosen(found).items()]
    return [*events, FollowupAction("incident_form")]


async def fault_filed_aside(dispatcher: CollectingDispatcher, tracker: Tracker,
                            text: str) -> list[EventType]:
    """A fault on one of the customer's machines inside a message that asks for something
    else (a complaint that goes on "y ahora vuelve a fallar: la Canon saca rayas"): filed at
    once, with the whole message as its description, so what follows (the complaint
    recorded on it, a person taking over) finds it filed. [] when the message names none of a
    verified customer's machines firmly (by its model, serial or own words), or says nothing
    is wrong."""
    if (tracker.get_slot("verified") is False or not describes_fault(text)
            or not says_something_wrong(text) or denies_fault(text)):
        return []
    try:
        verified, known = ((True, []) if tracker.get_slot("verified")
                           else await identity_events(tracker))
        items = await client().equipment(tracker.sender_id) if verified else []
        found = match_equipment(text, items)
        if found is None or not named_firmly(text, found):
            return known  # "guests keep complaining about it": about what was said before
        result = await client().create_incident(tracker.sender_id, {
            "equipment_id": found.get("id"), "symptom": text, "service_type": "corrective",
            "priority": read_urgency(text) or "medium", "error_codes": []})
    except BackendError:
        return []
    return known + tell_filed(dispatcher, tracker, result)


async def _filed_machine(tracker: Tracker, items: list[dict[str, Any]]
                         ) -> dict[str, Any] | None:
    """The machine of the incident this conversation filed ("la tenemos parada desde las
    3, es atun y no puede estar fuera de frio" goes on about it; "frio" names no other)."""
    filed = tracker.get_slot("filed_incident")
    if not filed:
        return None
    incident = await client().incident(tracker.sender_id, str(filed))
    machine = (incident.get("equipment") or {}).get("id")
    return next((i for i in items if i.get("id") == machine), None)


# Words without which a question asks for no maintenance visit, whatever the NLU read
_SERVICE_WORD = re.compile(
    r"revis|manten|prevent|servic|maint|book|reserv|program|cita|visit|inspec|check|repaso|"
    r"puesta a punto|tune|calibra|engrase|annual|anual|schedul|agenda")


async def question_aside(dispatcher: CollectingDispatcher, tracker: Tracker,
                         told: Callable[[str], Awaitable[bool]] | None = None
                         ) -> list[EventType] | None:
    """A question read as a report that says nothing is wrong ("por cierto, vendeis tambien
    carretillas nuevas? la nuestra tiene ya unos años"): answered as out of scope; a remark
    that says outright there is no fault ("no es avería eh, funcionan bien, es para la
    campaña", after a maintenance booking): acknowledged (the backend notes it on the
    conversation's open incident or booking); no report started either way. ``told`` answers
    a question about a machine with an open fault itself (its status), when it can. None for
    any other message."""
    text = str(tracker.latest_message.get("text") or "")
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if (intent == "request_maintenance" and not tracker.active_loop_name
            and asks_without_fault(text) and not _SERVICE_WORD.search(fold(text))):
        # "por cierto, vendeis tambien carretillas nuevas?" read as a booking: no service
        # is asked for, so none is booked
        dispatcher.utter_message(response="utter_out_of_scope")
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
    if intent != "report_problem" or tracker.active_loop_name:
        return None
    if denies_fault(text):
        dispatcher.utter_message(response="utter_ok_no_problem")
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
    if not asks_without_fault(text) or tracker.get_slot("filed_incident"):
        return None  # a question about the incident filed is kept there
    if told is None or not await told(text):
        dispatcher.utter_message(response="utter_out_of_scope")
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


async def cancel_aside(dispatcher: CollectingDispatcher, tracker: Tracker,
                       verified: bool) -> list[EventType] | None:
    """A message that asks outright to cancel ("Good news - Jordi has traced it … Please
    cancel the call-out"), read as a report or a bare value: the cancellation is prepared
    (actions/cancel.py), no report started; None for any other."""
    text = str(tracker.latest_message.get("text") or "")
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if (not verified or intent == "cancel_request" or tracker.active_loop_name
            or not asks_to_cancel(text)):
        return None  # read as a cancellation: the rules prepare it
    return [*(SlotSet(slot, None) for slot in FORM_SLOTS),
            *await prepare_cancel(dispatcher, tracker)]
