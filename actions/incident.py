"""Reporting a fault: validate the incident form, then create the incident."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.callback_text import asks_callback
from actions.common import utter_error
from actions.corrections import affirmed, denied, says_sorry
from actions.duplicates import tell_filed
from actions.equipment import EquipmentValidation
from actions.equipment_match import (
    chosen,
    corrected_to,
    earlier_texts,
    given_as_proof,
    goes_on_about,
    match_equipment,
    recent_machine,
    times_asked,
)
from actions.errors import BackendError
from actions.followups import record_callback
from actions.handoff import collected, escalate
from actions.items import Item, about, item_levels, only_as_fine, split_items
from actions.photos import CODES, PENDING, PHOTO_SLOTS, plate_answer
from actions.understanding import describes_fault
from actions.urgency import parse_urgency_answer, urgency_said

FORM_SLOTS = ("equipment_id", "serial_number", "equipment_label", "symptom", "urgency")
MIN_SYMPTOM_CHARS = 3
MAX_EQUIPMENT_QUESTIONS = 2
UNKNOWN_EQUIPMENT = "unknown"  # the customer could not say which machine


class ValidateIncidentForm(EquipmentValidation, FormValidationAction):
    def name(self) -> str:
        return "validate_incident_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        """A call-back request typed as the answer to a question ("can someone call me back
        at 0161 …" when asked for the description) is recorded as one, not taken for the
        answer: the question is asked again."""
        requested = tracker.get_slot("requested_slot")
        if requested and asks_callback(str(tracker.latest_message.get("text") or "")):
            return await record_callback(dispatcher, tracker) + [SlotSet(requested, None)]
        events = await super().run(dispatcher, tracker, domain)
        return events + await _urgency_of_open(tracker, events)

    async def validate_equipment_id(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        """A report about several machines goes on without asking which one: each gets its
        incident when the form is complete (:class:`ActionCreateIncident`). A machine not
        named now may have been named in the customer's previous messages."""
        text = str(value or "")
        if tracker.get_slot(PENDING):  # "Is it the …?" asked about a photo of its plate
            answer = plate_answer(value, tracker, await _equipment(tracker))
            if answer is not None:
                return answer
        items = await _equipment(tracker) if not text.startswith("/") else []
        if (items and tracker.get_slot("requested_slot") != "equipment_id"
                and given_as_proof(text, tracker.events, items)):
            return {"equipment_id": None, "serial_number": None}  # which machine: asked
        if items:
            several = _several(text, items)
            if tracker.get_slot("requested_slot") != "equipment_id" and several:
                return chosen(several[0].equipment)
            now = match_equipment(text, items)
            recent = recent_machine(tracker.events)
            before = next((i for i in items if i.get("id") == recent), None)
            # the machine's id set from the message (actions/intake_fallback.py): its words
            words = (str(tracker.latest_message.get("text") or "")
                     if now is not None and text == now.get("id") else text)
            if (now is not None and before is not None
                    and tracker.get_slot("requested_slot") != "equipment_id"
                    and not _filed_together(tracker, items, now)
                    and goes_on_about(words, now, before)):
                return chosen(before)  # said right after it: its report takes the message
            if now is None:
                earlier = (match_equipment(t, items) for t in earlier_texts(tracker.events))
                found = next((item for item in earlier if item is not None), None)
                if found is not None:
                    return chosen(found)
        if (tracker.get_slot("requested_slot") == "equipment_id" and not text.startswith("/")
                and times_asked(tracker.events) >= MAX_EQUIPMENT_QUESTIONS):
            # Never a loop: after the second answer that names none of their machines the
            # incident is filed without one, and the technician confirms it.
            found_now = await super().validate_equipment_id(value, dispatcher, tracker, domain)
            if found_now.get("equipment_id") is None:
                dispatcher.utter_message(response="utter_equipment_left_open")
                return {"equipment_id": UNKNOWN_EQUIPMENT}
            return found_now
        return await super().validate_equipment_id(value, dispatcher, tracker, domain)

    async def extract_equipment_id(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> dict[str, Any]:
        """A correction while the form is open ("perdon, es el del A08, el A07 va bien",
        "sorry, not the chiller, the fridge") moves the report to the machine now named."""
        text = str(tracker.latest_message.get("text") or "")
        current = tracker.get_slot("equipment_id")
        if (tracker.get_slot("requested_slot") == "equipment_id" or not current
                or text.startswith("/")):
            return {}
        found = corrected_to(text, await _equipment(tracker), str(current))
        if found is None:
            return {}
        dispatcher.utter_message(response="utter_equipment_corrected",
                                 equipment_label=chosen(found)["equipment_label"])
        return {"equipment_id": str(found.get("id"))}

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
        """Urgency read from every turn of the intake ("it has stopped now" raises it) and from
        a description kept before verification, leaving out what is said of another of the
        customer's machines ("our mail server is down"); the answer to the question itself
        is read by :meth:`validate_urgency`."""
        if tracker.get_slot("requested_slot") == "urgency":
            return {}
        current = tracker.get_slot("urgency")
        texts = [str(tracker.latest_message.get("text") or ""),
                 str(tracker.get_slot("symptom") or "")]
        slot = str(tracker.get_slot("equipment_id") or "")
        if any(texts) and slot != UNKNOWN_EQUIPMENT:
            items = await _equipment(tracker)
            # the slot holds the machine's id, or still the words of the report
            machine = slot if slot in {i.get("id") for i in items} else (
                match_equipment(slot or " ".join(texts), items) or {}).get("id")
            texts = [about(t, items, str(machine)) for t in texts] if machine else texts
        found = urgency_said(current, *texts)
        return {} if found == current else {"urgency": found}

    async def validate_urgency(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        # "perdon, es el del A08, el A07 va bien": what is said of the other machine is no
        # answer about this one
        urgency = parse_urgency_answer(affirmed(str(value or "")))
        if urgency is None and _corrects_machine(tracker):
            return {"urgency": None}  # "perdona, es la de la linea 2": the question again
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
        urgency = tracker.get_slot("urgency") or "medium"
        symptom = str(tracker.get_slot("symptom") or "")
        several = await several_items(tracker, symptom)
        levels = item_levels(several, urgency)
        bodies = [{"equipment_id": i.equipment.get("id"), "symptom": i.text, "priority": level}
                  for i, level in zip(several, levels, strict=True)] or [
            {"equipment_id": _known(tracker.get_slot("equipment_id")), "symptom": symptom,
             "priority": urgency}]
        codes = list(tracker.get_slot(CODES) or [])[:20]  # read off a photo of the display
        filed: list[EventType] = []
        created = False
        for body in bodies:
            try:
                result = await _told_already(tracker, await client().create_incident(
                    tracker.sender_id,
                    {**body, "service_type": "corrective", "error_codes": codes}))
            except BackendError as exc:
                utter_error(dispatcher, exc)
                continue
            # created, merged into an open incident, or asked about one: each told back
            filed += tell_filed(dispatcher, tracker, result)
            created = created or result.get("outcome") == "created"
        if created and asks_callback(str(tracker.latest_message.get("text") or "")):
            # "… Por favor, llamadme al 609 332 147 entre las 16 y las 18 h": the report that
            # completed the form asks to be rung back as well; kept with its window
            filed += await record_callback(dispatcher, tracker)
        if created:  # escalation rules, e.g. priority critical
            filed += await escalate(dispatcher, tracker, "rule", collected(tracker))
        return [SlotSet(slot, None) for slot in FORM_SLOTS + PHOTO_SLOTS + ("task",)] + filed


async def _told_already(tracker: Tracker, result: dict[str, Any]) -> dict[str, Any]:
    """"Is this about INC-…?" is not asked about the incident the customer was just told
    about (its status, asked about its machine): the report is added to it at once."""
    candidate = str((result.get("candidate") or {}).get("id") or "")
    if result.get("outcome") != "ask" or not candidate or not result.get("pending_report"):
        return result
    if not any(candidate in str(e.get("text") or "") for e in _since_last_turns(tracker, 2)
               if e.get("event") == "bot"):
        return result
    return dict(await client().answer_report(tracker.sender_id, str(result["pending_report"]),
                                             candidate))


def _since_last_turns(tracker: Tracker, turns: int) -> list[dict[str, Any]]:
    """The tracker's events since the customer's ``turns``-th last message."""
    users = [n for n, e in enumerate(tracker.events) if e.get("event") == "user"]
    return list(tracker.events[users[-turns]:]) if len(users) >= turns else list(tracker.events)


async def _urgency_of_open(tracker: Tracker, events: list[EventType]) -> list[EventType]:
    """A report on a machine that already has an open incident is not asked how urgent it
    is: it goes to the duplicate check (merged, or asked "is this about …?") with that
    incident's priority, which a more urgent report still raises."""
    now = {**tracker.slots, **{e["name"]: e.get("value") for e in events
                               if e.get("event") == "slot"}}
    machine = now.get("equipment_id")
    if now.get("urgency") or not now.get("symptom") or machine in (None, UNKNOWN_EQUIPMENT):
        return []
    try:
        incidents = await client().open_incidents(tracker.sender_id)
    except BackendError:
        return []
    found = next((i for i in incidents if (i.get("equipment") or {}).get("id") == machine
                  and i.get("service_type") != "preventive"), None)
    return [SlotSet("urgency", found["priority"])] if found else []


def _corrects_machine(tracker: Tracker) -> bool:
    """The answer to the urgency question corrected the machine instead (extract_equipment_id
    moved it), so it is no answer to the question."""
    text = str(tracker.latest_message.get("text") or "")
    return (tracker.get_slot("requested_slot") == "urgency"
            and (says_sorry(text) or bool(denied(text))))


def _known(equipment_id: str | None) -> str | None:
    return None if equipment_id == UNKNOWN_EQUIPMENT else equipment_id


async def _equipment(tracker: Tracker) -> list[dict[str, Any]]:
    try:
        return await client().equipment(tracker.sender_id)
    except BackendError:
        return []


def _filed_together(tracker: Tracker, items: list[dict[str, Any]],
                    machine: dict[str, Any]) -> bool:
    """``machine`` had a report of its own in one of the customer's previous messages,
    beside others ("1) la prensa… 2) el compresor…"), so a message about it goes on about
    it, not about the first of them."""
    return any(i.equipment.get("id") == machine.get("id")
               for text in earlier_texts(tracker.events) for i in _several(text, items))


def _several(text: str, items: list[dict[str, Any]]) -> list[Item]:
    """The machines ``text`` reports faults on, when it names two or more (else []); one
    named only where it is said to be fine or used meanwhile ("seguimos pudiendo imprimir
    en la Canon") is none of them."""
    found = [i for i in split_items(text, items)
             if describes_fault(i.text) and not only_as_fine(i)]
    return found if len(found) > 1 else []


async def several_items(tracker: Tracker, text: str) -> list[Item]:
    if not text or text.startswith("/"):
        return []
    return _several(text, await _equipment(tracker))
