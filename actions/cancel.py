"""Cancelling an incident: find which one, confirm with yes/no, then cancel with its reason.

The reason is what the customer says from the request to the confirmation ("you can cancel
it, the door wasn't closing properly"): the request's own words, and any message while the
confirmation is pending that is not a digression (a fault-like description or a bare value
is the reason, never a new fault report: ``action_note_cancel_reason``). It is recorded in
the incident's history by the backend. A repeated "cancel it" while pending confirms."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import equipment_vars, incident_buttons, named_or_open, utter_error
from actions.equipment_match import match_equipment
from actions.errors import BackendError, InvalidTransition, NotFound
from actions.parsing import normalize_incident_id
from actions.understanding import no_cancellation

CLEARED: list[EventType] = [SlotSet("cancel_pending", False), SlotSet("cancel_target", None),
                            SlotSet("cancel_reason", None), SlotSet("incident_id", None),
                            SlotSet("task", None)]
MAX_REASON = 2000  # the backend's limit (backend/api/schemas.py CANCEL)
BARE_CONFIRMATION_WORDS = 4  # "yes please cancel", "si, cancelalo": a confirmation, not a reason


def said(tracker: Tracker) -> str:
    text = str(tracker.latest_message.get("text") or "").strip()
    return "" if text.startswith("/") else text  # a button's payload says nothing


def with_reason(tracker: Tracker, text: str) -> str:
    """The reason so far and ``text``, one message a line, within the backend's limit."""
    earlier = str(tracker.get_slot("cancel_reason") or "")
    return "\n".join(part for part in (earlier, text) if part)[-MAX_REASON:]


def _confirm(dispatcher: CollectingDispatcher, tracker: Tracker,
             incident: Mapping[str, Any]) -> list[EventType]:
    dispatcher.utter_message(response="utter_confirm_cancel", incident_id=incident.get("id"),
                             **equipment_vars(incident.get("equipment")))
    return [SlotSet("cancel_pending", True), SlotSet("cancel_target", incident.get("id")),
            SlotSet("cancel_reason", said(tracker) or None),
            SlotSet("incident_id", None), SlotSet("task", None)]


async def cancel_target(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Cancel ``cancel_target`` with the reason gathered (and the last message, unless it is
    a bare confirmation)."""
    target = str(tracker.get_slot("cancel_target") or "")
    if not target:
        dispatcher.utter_message(response="utter_no_open_incidents")
        return CLEARED
    last = said(tracker)
    words = len(last.split())
    reason = with_reason(tracker, last if words > BARE_CONFIRMATION_WORDS else "")
    try:
        await client().cancel_incident(tracker.sender_id, target, reason)
    except InvalidTransition:
        dispatcher.utter_message(response="utter_cancel_not_possible", incident_id=target)
    except NotFound:
        dispatcher.utter_message(response="utter_incident_not_found", incident_id=target)
    except BackendError as exc:
        utter_error(dispatcher, exc)
    else:
        dispatcher.utter_message(response="utter_incident_cancelled_with_reason" if reason
                                 else "utter_incident_cancelled", incident_id=target)
    return CLEARED


class ActionNoteCancelReason(Action):
    """While a cancellation waits for its yes/no, what the customer explains is its reason:
    kept, and the confirmation asked again."""

    def name(self) -> str:
        return "action_note_cancel_reason"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        target = tracker.get_slot("cancel_target")
        dispatcher.utter_message(response="utter_cancel_reason_noted", incident_id=target)
        return [SlotSet("cancel_reason", with_reason(tracker, said(tracker)) or None)]


_INCIDENT = re.compile(r"\bINC-\d{5}\b")
def talked_about(tracker: Tracker, incidents: Sequence[Mapping[str, Any]]
                 ) -> Mapping[str, Any] | None:
    """Among several open incidents, the one this conversation is about: the one whose
    machine the message names, else the one the bot spoke of last here (its status, the
    one it filed); None when neither tells (then the customer is asked which)."""
    named = match_equipment(said(tracker), [i["equipment"] for i in incidents
                                            if i.get("equipment")])
    if named is not None:
        return next(i for i in incidents if (i.get("equipment") or {}).get("id") == named["id"])
    by_id = {str(i.get("id")): i for i in incidents}
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            spoken = [m for m in _INCIDENT.findall(str(event.get("text") or "")) if m in by_id]
            if spoken:
                return by_id[spoken[-1]]
    return None


class ActionPrepareCancel(Action):
    """Ask to confirm the incident named, the only open one, the one this conversation is
    about (:func:`talked_about`), or ask which one; a message that only says the fault got
    serious is told the status instead, its priority raised (actions/status.py)."""

    def name(self) -> str:
        return "action_prepare_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot("cancel_pending") and no_cancellation(said(tracker)):
            from actions.status import ActionCheckStatus  # status → followups → cancel

            return await ActionCheckStatus().run(dispatcher, tracker, domain)
        return await prepare_cancel(dispatcher, tracker)


async def prepare_cancel(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """:class:`ActionPrepareCancel`'s work, also for a request to cancel read as something
    else (actions/intake_fallback.py)."""
    if tracker.get_slot("cancel_pending") and tracker.get_slot("cancel_target"):
        return await cancel_target(dispatcher, tracker)  # "cancel it" again: a yes
    incident_id: str | None = normalize_incident_id(tracker.get_slot("incident_id") or "")
    found = await named_or_open(dispatcher, tracker, incident_id)
    if found is None:
        return CLEARED
    incident, incidents = found
    if incident is not None:
        return _confirm(dispatcher, tracker, incident)
    meant = incidents[0] if len(incidents) == 1 else talked_about(tracker, incidents)
    if meant is not None:
        return _confirm(dispatcher, tracker, meant)
    if not incidents:
        dispatcher.utter_message(response="utter_no_open_incidents")
    else:
        dispatcher.utter_message(response="utter_choose_incident_cancel", count=len(incidents),
                                 buttons=incident_buttons(incidents, "cancel_request"))
    return CLEARED


class ActionCancelIncident(Action):
    """The customer said yes: cancel ``cancel_target``."""

    def name(self) -> str:
        return "action_cancel_incident"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return await cancel_target(dispatcher, tracker)


class ActionKeepIncident(Action):
    """The customer said no: nothing is cancelled."""

    def name(self) -> str:
        return "action_keep_incident"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_incident_kept")
        return CLEARED
