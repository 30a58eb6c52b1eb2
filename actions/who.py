"""Who is writing, asked of the backend: the slots that say it (``verified``,
``verification_locked``, the customer, the conversation's language)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.backend import client

LANGUAGES = ("es", "en")


async def identity_events(tracker: Tracker) -> tuple[bool, list[EventType]]:
    """Whether the sender is verified, and the slots to set; raises BackendError."""
    identity = await client().identity(tracker.sender_id)
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
    return verified, events
