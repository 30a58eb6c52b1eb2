"""A person takes over: the backend decides (queue, wait, agents' hours); the bot tells the
customer and pauses (ConversationPaused) until an agent hands the conversation back.

- ``action_request_handoff``: request_human, complain, locked verification, or a choice
  (callback / message) out of agents' hours (entity ``handoff_choice`` from the buttons).
- ``action_fallback_handoff`` (actions/followups.py): a misunderstood message that
  describes a fault on one of the customer's machines starts the report instead
  (actions/intake_fallback.py), one that asks for a call-back records it; else it counts
  misunderstood messages in a row; the backend hands over at the configured number
  (AVISA_HANDOFF_FALLBACKS, 2).
- rules such as priority critical (AVISA_HANDOFF_RULES) are checked by the backend when
  ``action_create_incident`` registers an incident (``escalate(..., "rule", ...)``).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.backend import client
from actions.common import payload, utter_error
from actions.errors import BackendError

SLOTS = ("customer_code", "serial_number", "incident_id", "symptom", "urgency", "language",
         "equipment_id")
REASONS = {"request_human": "request_human", "complain": "complain"}


def collected(tracker: Tracker) -> dict[str, Any]:
    values = {name: tracker.get_slot(name) for name in SLOTS}
    facts = {k: v for k, v in values.items() if v not in (None, "", [])}
    if "urgency" in facts:  # the backend's escalation rules speak of the incident's priority
        facts["priority"] = facts.pop("urgency")
    return facts


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """Misunderstood messages (nlu_fallback) at the end of the conversation, in a row."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != "nlu_fallback":
            break
        count += 1
    return count


def reason_of(tracker: Tracker) -> str:
    if tracker.get_slot("verification_locked"):
        return "verification_locked"
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return REASONS.get(str(intent), "request_human")


def choice_of(tracker: Tracker) -> str | None:
    value = next(tracker.get_latest_entity_values("handoff_choice"), None)
    return str(value) if value in ("callback", "message") else None


async def escalate(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str,
                   facts: dict[str, Any] | None = None) -> list[EventType]:
    try:
        answer = await client().handoff(tracker.sender_id, reason, collected(tracker), facts,
                                        choice_of(tracker))
    except BackendError as exc:
        utter_error(dispatcher, exc)
        return []
    status = answer.get("status")
    if status == "not_needed":
        if reason == "complain":
            dispatcher.utter_message(response="utter_handoff_not_yet")
        return [SlotSet("handoff_requested", False)]
    if status == "out_of_hours":
        buttons = [{"title": title, "payload": payload("request_human", "handoff_choice", value)}
                   for value, title in (("callback", "📞"), ("message", "✉️"))]
        dispatcher.utter_message(response="utter_handoff_out_of_hours", buttons=buttons,
                                 opens=str(answer.get("opens_local") or "—"))
        return [SlotSet("handoff_requested", False)]
    if status == "task":
        kind = answer.get("kind")
        dispatcher.utter_message(response=f"utter_handoff_task_{kind}",
                                 opens=str(answer.get("opens_local") or "—"))
        events: list[EventType] = [SlotSet("handoff_requested", True)]
        return events + ([ConversationPaused()] if kind == "message" else [])
    if status == "assigned":
        dispatcher.utter_message(response="utter_handoff_assigned")
    else:
        dispatcher.utter_message(response="utter_handoff_queued",
                                 wait=str(answer.get("wait_minutes", "?")),
                                 position=str(answer.get("position", "?")))
    return [SlotSet("handoff_requested", True), ConversationPaused()]
