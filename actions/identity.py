"""Who is writing: ask the backend before anything private is shown."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.equipment_match import match_equipment
from actions.errors import BackendError
from actions.intake_fallback import cancel_aside, question_aside
from actions.refile import refile
from actions.status import utter_status
from actions.who import identity_events


async def status_of_machine(dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict, text: str) -> bool:
    """A question about a machine with an open fault ("compute node rack 12 - I think David
    already raised it by sms?") is a question about that fault: its status is told (True);
    False when the text names no such machine."""
    try:
        found = match_equipment(text, await client().equipment(tracker.sender_id))
        incidents = await client().open_incidents(tracker.sender_id) if found else []
    except BackendError:
        return False
    incident = next((i for i in incidents if found is not None
                     and (i.get("equipment") or {}).get("id") == found.get("id")
                     and i.get("service_type") != "preventive"), None)
    if incident is None:
        return False
    utter_status(dispatcher, tracker, domain, incident)
    return True


class ActionCheckIdentity(Action):
    """Sets ``verified`` and ``verification_locked`` (always both); the customer when verified.
    A message correcting the machine of the incident just filed, whatever it was read as,
    moves that incident and ends the turn (actions/refile.py); so does a question read as a
    report that says nothing is wrong, and one that asks outright to cancel prepares the
    cancellation instead (actions/intake_fallback.py)."""

    def name(self) -> str:
        return "action_check_identity"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            verified, events = await identity_events(tracker)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return [FollowupAction("action_listen")]
        if not verified:
            return events
        async def told(text: str) -> bool:
            return await status_of_machine(dispatcher, tracker, domain, text)

        aside = (await cancel_aside(dispatcher, tracker, verified)
                 or await refile(dispatcher, tracker)
                 or await question_aside(dispatcher, tracker, told))
        if aside is not None:  # a request to cancel, a correction of the incident just filed,
            # or a question: done here, the turn ends
            return events + aside + [FollowupAction("action_listen")]
        return events
