"""Who is writing: ask the backend before anything private is shown."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import utter_error
from actions.errors import BackendError
from actions.intake_fallback import cancel_aside, question_aside
from actions.refile import refile
from actions.who import identity_events


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
        aside = (await cancel_aside(dispatcher, tracker, verified)
                 or await refile(dispatcher, tracker) or question_aside(dispatcher, tracker))
        if aside is not None:  # a request to cancel, a correction of the incident just filed,
            # or a question: done here, the turn ends
            return events + aside + [FollowupAction("action_listen")]
        return events
