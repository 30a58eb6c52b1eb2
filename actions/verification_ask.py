"""The verification form's questions: after two failures (no customer code, or a factor that
did not match) they list the other ways and offer a person instead of asking the same thing
again (issue 13 §4)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

OFFER_AFTER = 2  # failures before the other ways and a person are offered


class _AskOrOffer:
    """``utter_ask_<slot>`` at first; ``offer`` from the second failure on (a mixin, so
    that rasa_sdk registers only the two actions below)."""

    slot = ""
    offer = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        failures = int(tracker.get_slot("verification_failures") or 0)
        dispatcher.utter_message(response=self.offer if failures >= OFFER_AFTER
                                 else f"utter_ask_{self.slot}")
        return []


class ActionAskCustomerCode(_AskOrOffer, Action):
    slot = "customer_code"
    offer = "utter_no_customer_code_offer"


class ActionAskOtpCode(_AskOrOffer, Action):
    slot = "otp_code"
    offer = "utter_verification_other_ways"
