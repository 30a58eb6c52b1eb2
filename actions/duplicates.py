"""Duplicate reports: act on the backend's answer to a report (created, merged, ask)
and on the customer's yes/no to "Is this about INC-…?". Wording: bot/domain/duplicates.yml."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import ResponseVars, equipment_vars, utter_error
from actions.coverage import tell_coverage
from actions.errors import BackendError
from actions.urgency import LEVELS

CLEARED: list[EventType] = [SlotSet("duplicate_pending", False),
                            SlotSet("duplicate_token", None),
                            SlotSet("duplicate_candidate", None)]


def _when(incident: Mapping[str, Any], language: str | None) -> ResponseVars:
    """``channel`` (in the customer's language) and ``time`` of the first report."""
    first = incident.get("first_report") or {}
    names = first.get("channel_name") or {}
    channel = names.get("es" if language == "es" else "en") or first.get("channel") or "—"
    return {"channel": str(channel), "time": str(first.get("local_time") or "—")}


def tell_filed(dispatcher: CollectingDispatcher, tracker: Tracker,
               result: Mapping[str, Any]) -> list[EventType]:
    """Say what became of a report; an ask leaves the question pending."""
    language = tracker.get_slot("language")
    outcome = result.get("outcome", "created")
    if outcome == "ask":
        candidate = result.get("candidate") or {}
        dispatcher.utter_message(response="utter_duplicate_ask",
                                 incident_id=candidate.get("id"),
                                 summary=candidate.get("summary") or candidate.get("symptom"),
                                 **_when(candidate, language))
        return [SlotSet("duplicate_pending", True),
                SlotSet("duplicate_token", result.get("pending_report")),
                SlotSet("duplicate_candidate", candidate.get("id"))]
    if outcome == "merged":
        dispatcher.utter_message(response="utter_duplicate_merged",
                                 incident_id=result.get("merged_into"), **_when(result, language))
    else:
        incident_id = str(result.get("id"))
        level = str(result.get("priority"))
        if level not in LEVELS:
            level = "medium"
        dispatcher.utter_message(response=f"utter_incident_created_{level}",
                                 incident_id=incident_id,
                                 **equipment_vars(result.get("equipment")))
        filed = [SlotSet("filed_incident", incident_id)]
        if result.get("coverage"):
            return list(CLEARED) + filed + tell_coverage(
                dispatcher, incident_id, result["coverage"], tracker.get_latest_input_channel())
        return list(CLEARED) + filed
    return list(CLEARED)


async def _answer(dispatcher: CollectingDispatcher, tracker: Tracker,
                  confirmed: bool) -> list[EventType]:
    token = tracker.get_slot("duplicate_token")
    candidate = tracker.get_slot("duplicate_candidate") if confirmed else None
    if not token:
        dispatcher.utter_message(response="utter_ok_no_problem")
        return list(CLEARED)
    try:
        result = await client().answer_report(tracker.sender_id, token, candidate)
    except BackendError as exc:
        if exc.code in ("pending_expired", "unknown_pending_report"):
            dispatcher.utter_message(response="utter_duplicate_expired")
        else:
            utter_error(dispatcher, exc)
        return list(CLEARED)
    return tell_filed(dispatcher, tracker, result)


class ActionDuplicateConfirm(Action):
    """Yes: add the report to the incident asked about."""

    def name(self) -> str:
        return "action_duplicate_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return await _answer(dispatcher, tracker, confirmed=True)


class ActionDuplicateDecline(Action):
    """No: open a new incident with the report."""

    def name(self) -> str:
        return "action_duplicate_decline"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        return await _answer(dispatcher, tracker, confirmed=False)
