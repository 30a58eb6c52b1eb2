"""Complaints and call-back requests kept as records (issue 13 §3), in the middle of a task
or outside one.

- ``action_record_complaint``: the complaint in the customer's own words is recorded on the
  incident it is about (the backend finds it: the one named, else the conversation's latest
  open one) and raised to a person, the handoff naming the complaint; a fault on one of the
  customer's machines in the same message is filed first (the complaint then goes on it).
- ``action_request_handoff``: a request for a person that reads as a call-back request
  (a call word and a number or an hour: "llamame al 644 01 92 83 antes d las 14h") is
  recorded as one; any other asks the backend for a person (actions/handoff.py).
- ``action_bare_value``: a bare value that reads as a call-back request (NLU reads "call me
  on 677 123 450 after 4" as inform), or the number asked for, completes one.
- ``action_record_callback``: the number and window typed in free text are read by the
  backend (backend/domain/callback.py) and repeated back; with no number to ring, the bot
  asks for one (``callback_pending``) and the next answer completes the request.
- ``action_handoff_in_form``: a request for a person in the middle of the incident form; a
  call-back request ("can someone call me back at 0161 …") is recorded and the form goes
  on; any other asks the backend for a person and stops the form when one takes over.
- a call-back request the NLU did not understand (a call-back inside an e-mail that also
  adds a fact) or typed as the answer to a form's question is recorded too
  (:func:`asks_callback`, used by actions/handoff.py and actions/incident.py).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import Json, client
from actions.callback_text import asks_callback, reads_as_callback, wants_a_person
from actions.common import utter_error
from actions.errors import BackendError, InvalidRequest, NotFound
from actions.handoff import escalate, fallbacks_in_a_row, reason_of
from actions.intake_fallback import cancel_aside, fault_filed_aside, fault_report
from actions.parsing import normalize_incident_id
from actions.refile import refile
from actions.reset import FORM_SLOTS
from actions.verification import verify_in_passing


def said(tracker: Tracker) -> str:
    return str(tracker.latest_message.get("text") or "").strip()


def incident_named(tracker: Tracker) -> str | None:
    return normalize_incident_id(str(tracker.get_slot("incident_id") or "")) or None


async def taken_aside(dispatcher: CollectingDispatcher, tracker: Tracker
                     ) -> list[EventType] | None:
    """What a stray message is taken as before anything else: a verification in passing, an
    outright cancellation, a correction of the machine just filed or a fault report (the
    events of the first that applies; none: nothing applied)."""
    return (await verify_in_passing(dispatcher, tracker)
            or await cancel_aside(dispatcher, tracker, bool(tracker.get_slot("verified")))
            or await refile(dispatcher, tracker) or await fault_report(tracker))


async def _recorded(call: Any, tracker: Tracker, text: str) -> Json:
    """``call(cid, text, incident_id)``; an incident id the customer mistyped is not
    theirs: the record then goes to the incident the backend finds itself."""
    named = incident_named(tracker)
    try:
        return dict(await call(tracker.sender_id, text, named))
    except NotFound:
        if named is None:
            raise
        return dict(await call(tracker.sender_id, text, None))


class ActionRecordComplaint(Action):
    def name(self) -> str:
        return "action_record_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        facts: dict[str, Any] = {}
        text = said(tracker)
        filed: list[EventType] = []
        if text and not text.startswith("/"):
            filed = await fault_filed_aside(dispatcher, tracker, text)
            try:
                complaint = await _recorded(client().record_complaint, tracker, text)
            except BackendError as exc:
                utter_error(dispatcher, exc)
                return []
            facts["complaint"] = complaint.get("id")
            if complaint.get("incident_id"):
                facts["incident_id"] = complaint["incident_id"]
            dispatcher.utter_message(response="utter_complaint_recorded",
                                     incident_id=str(complaint.get("incident_id") or "—"))
        # "… Please call me on 977 245 510 tomorrow between 10am and 12 noon": kept too
        called = await record_callback(dispatcher, tracker) if asks_callback(text) else []
        return filed + called + await escalate(dispatcher, tracker, "complain", facts)


def window_text(window: str | None, language: str | None) -> str:
    """The backend's window ("before 14:00", "09:00-11:00", "afternoon") in the customer's
    language; only the few connecting words differ."""
    if not window:
        return ""
    if language != "es":
        return window
    words = {"before": "antes de las", "after": "después de las", "morning": "por la mañana",
             "afternoon": "por la tarde", "evening": "por la noche"}
    first, _, rest = window.partition(" ")
    if first in words:
        return f"{words[first]} {rest}".strip()
    start, dash, end = window.partition("-")
    return f"de {start} a {end}" if dash else window


class ActionRecordCallback(Action):
    """The number asked for after a call-back request without one (``callback_pending``)."""

    def name(self) -> str:
        return "action_record_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return await record_callback(dispatcher, tracker)

async def record_callback(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    text = said(tracker)
    earlier = str(tracker.get_slot("callback_request") or "")
    full = f"{earlier}\n{text}".strip() if earlier else text
    try:
        row = await _recorded(client().record_callback, tracker, full)
    except InvalidRequest:  # no number to ring: ask for one, keep what was said
        dispatcher.utter_message(response="utter_callback_ask_number")
        return [SlotSet("callback_pending", True), SlotSet("callback_request", full[:1000])]
    except BackendError as exc:
        utter_error(dispatcher, exc)
        return [SlotSet("callback_pending", False), SlotSet("callback_request", None)]
    window = window_text(row.get("window"), tracker.get_slot("language"))
    response = "utter_callback_recorded" if window else "utter_callback_recorded_no_window"
    dispatcher.utter_message(response=response, number=str(row.get("number") or "—"),
                             window=window)
    return [SlotSet("callback_pending", False), SlotSet("callback_request", None)]


class ActionRequestHandoff(Action):
    def name(self) -> str:
        return "action_request_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "request_human" and reads_as_callback(said(tracker)):
            return await callback_by_a_person(dispatcher, tracker)
        return await escalate(dispatcher, tracker, reason_of(tracker))


async def callback_by_a_person(dispatcher: CollectingDispatcher, tracker: Tracker
                               ) -> list[EventType]:
    """The call-back recorded; handed to people as well when it asks for one."""
    called = await record_callback(dispatcher, tracker)
    if not wants_a_person(said(tracker)):
        return called
    return called + await escalate(dispatcher, tracker, "request_human")


class ActionHandoffInForm(Action):
    """A person asked for while the incident form runs: a call-back request is recorded and
    the form goes on (the rule runs the form next); anything else stops the form and asks
    the backend for a person, as outside a form."""

    def name(self) -> str:
        return "action_handoff_in_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if reads_as_callback(said(tracker)):
            return await record_callback(dispatcher, tracker)
        dispatcher.utter_message(response="utter_handoff")
        events = await escalate(dispatcher, tracker, reason_of(tracker))
        if not any(e.get("event") == "pause" for e in events):
            return events  # nobody to take over now: the report goes on
        stopped: list[EventType] = [ActiveLoop(None)]
        return stopped + [SlotSet(slot, None) for slot in FORM_SLOTS] + events


class ActionBareValue(Action):
    """A bare value outside any task: a call-back's number and hours ("pls call me back on
    677 123 450 between 4 and 6pm", or the number asked for) are kept; an outright "please
    cancel it" prepares the cancellation; a correction of the
    machine just filed moves its incident (actions/refile.py); a fault on one of the
    customer's machines starts the report (actions/intake_fallback.py); anything else is
    asked again."""

    def name(self) -> str:
        return "action_bare_value"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("callback_pending") or reads_as_callback(said(tracker)):
            return await record_callback(dispatcher, tracker)
        taken = await taken_aside(dispatcher, tracker)
        if taken:
            return taken
        dispatcher.utter_message(response="utter_please_rephrase")
        return []


class ActionFallbackHandoff(Action):
    """A message not understood: one describing a fault on one of the customer's machines
    starts the report (actions/intake_fallback.py); a call-back request in it is recorded;
    otherwise asked to rephrase, and handed to a person after AVISA_HANDOFF_FALLBACKS in a
    row."""

    def name(self) -> str:
        return "action_fallback_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        taken = await taken_aside(dispatcher, tracker)
        if taken:
            return taken
        if asks_callback(str(tracker.latest_message.get("text") or "")):
            return await callback_by_a_person(dispatcher, tracker)
        count = fallbacks_in_a_row(tracker)
        events = await escalate(dispatcher, tracker, "nlu_fallback", {"fallbacks": count})
        if any(e.get("event") == "pause" for e in events):
            return events
        dispatcher.utter_message(response="utter_please_rephrase")
        return []
