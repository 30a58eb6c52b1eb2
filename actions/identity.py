"""Who is writing: ask the backend before anything private is shown."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.errors import BackendError

LANGUAGES = ("es", "en")


class ActionCheckIdentity(Action):
    """Sets ``verified`` and ``verification_locked`` (always both); the customer when verified."""

    def name(self) -> str:
        return "action_check_identity"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            identity = await client().identity(tracker.sender_id)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return [FollowupAction("action_listen")]
        verified = bool(identity.get("verified"))
        customer = identity.get("customer") or None
        events: list[EventType] = [
            SlotSet("verified", verified),
            SlotSet("verification_locked", bool(identity.get("locked"))),
        ]
        if verified and customer:
            events += [SlotSet("customer_name", customer.get("name")),
                       SlotSet("customer_code", customer.get("code"))]
        else:
            events.append(SlotSet("customer_name", None))
        language = identity.get("language")
        if tracker.get_slot("language") is None and language in LANGUAGES:
            events.append(SlotSet("language", language))
        return events
