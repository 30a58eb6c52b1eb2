"""Coverage in the conversation: told with the answer that registers an incident (outcome,
price basis, consent with yes/no buttons) and check_coverage questions (which machine: the
serial said, else buttons).

Wording lives in bot/domain/coverage.yml; the backend renders the reasons in the
conversation's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import MAX_BUTTONS, ResponseVars, equipment_vars, payload, utter_error
from actions.errors import BackendError

SMS_CHANNELS = frozenset({"sms", "whatsapp"})
BILLABLE = {"partly_covered": "utter_coverage_partly", "not_covered": "utter_coverage_not_covered"}
CONSENT_DONE: list[EventType] = [
    SlotSet("consent_pending", False), SlotSet("consent_incident", None)
]


def reasons_text(result: Mapping[str, Any]) -> str:
    return "\n".join(f"• {r['text']}" for r in result.get("reasons") or [])


def basis_vars(basis: Mapping[str, Any] | None) -> ResponseVars:
    basis = basis or {}
    rates = basis.get("labour_rates") or {}
    travel = basis.get("travel") or {}
    return {"labour_rate": str(rates.get("senior") or min(rates.values(), default="—")),
            "travel_flat": str(travel.get("flat") or "—"),
            "travel_per_km": str(travel.get("per_km") or "—"),
            "surcharge_pct": str(basis.get("out_of_hours_surcharge_pct") or "—"),
            "vat_pct": str(basis.get("vat_pct") or "—"),
            "currency": str(basis.get("currency") or "EUR")}


def tell_coverage(dispatcher: CollectingDispatcher, incident_id: str,
                  result: Mapping[str, Any], channel: str | None = None) -> list[EventType]:
    """Right after an incident is registered: the outcome; if billable, the price basis and
    a yes/no consent question (the answer is recorded by action_record_coverage_consent).
    On SMS the notice is the short one written for SMS (bot/domain/sms.yml: two segments)."""
    outcome = result.get("outcome")
    suffix = "_sms" if channel in SMS_CHANNELS else ""
    if outcome not in BILLABLE:
        dispatcher.utter_message(response="utter_coverage_covered" + suffix,
                                 incident_id=incident_id, reasons=reasons_text(result))
        return []
    dispatcher.utter_message(response=BILLABLE[outcome] + suffix, incident_id=incident_id,
                             reasons=reasons_text(result),
                             **basis_vars(result.get("price_basis")))
    if not result.get("consent_required"):
        return []
    dispatcher.utter_message(response="utter_ask_coverage_consent", incident_id=incident_id)
    return [SlotSet("consent_pending", True), SlotSet("consent_incident", incident_id)]


class ActionRecordCoverageConsent(Action):
    """yes/no to the billable visit: recorded by the backend (no: the incident is cancelled)."""

    def name(self) -> str:
        return "action_record_coverage_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        incident_id = tracker.get_slot("consent_incident")
        accepted = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        if not incident_id:
            return list(CONSENT_DONE)
        try:
            await client().consent(tracker.sender_id, str(incident_id), accepted)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return list(CONSENT_DONE)
        response = "utter_coverage_consent_given" if accepted else "utter_coverage_consent_refused"
        dispatcher.utter_message(response=response, incident_id=incident_id)
        return list(CONSENT_DONE)


class ActionCheckCoverage(Action):
    """check_coverage: the machine named by serial, else buttons to choose one."""

    def name(self) -> str:
        return "action_check_coverage"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        done: list[EventType] = [SlotSet("task", None)]
        serial = tracker.get_slot("serial_number")
        try:
            result = await client().coverage(tracker.sender_id, serial=serial or None)
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return done + [SlotSet("serial_number", None)]
        if result.get("equipment") is None:
            choices = result.get("choices") or []
            if not choices:
                dispatcher.utter_message(response="utter_coverage_no_equipment")
                return done
            buttons = [{"title": f"{e.get('model')} ({e.get('serial')})",
                        "payload": payload("check_coverage", "serial_number", str(e["serial"]))}
                       for e in choices[:MAX_BUTTONS]]
            dispatcher.utter_message(response="utter_coverage_which_equipment", buttons=buttons)
            return done
        dispatcher.utter_message(response="utter_coverage_answer", reasons=reasons_text(result),
                                 outcome=result.get("outcome"),
                                 **equipment_vars(result.get("equipment")))
        for contract in result.get("contracts") or []:
            if contract.get("in_force"):
                left = contract.get("left") or {}
                visits = left.get("visits")
                dispatcher.utter_message(response="utter_coverage_allowance",
                                         contract=contract["id"],
                                         hours=left.get("hours") or "∞",
                                         visits=visits if visits is not None else "∞")
        return done + [SlotSet("serial_number", None)]
