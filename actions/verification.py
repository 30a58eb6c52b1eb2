"""Verification form: customer code -> one-time code sent -> code checked.

Nothing about the customer is said before the check succeeds, not even whether the
customer code exists or where the code went: "if C-1001 is yours, a code went to its
registered contact" either way. Too many codes get a clear "try later". A lock ends the
form (the rules tell the customer).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.errors import BackendError, Expired, Locked, TooManyCodes, WrongCode
from actions.parsing import normalize_customer_code, normalize_otp

Slots = dict[str, Any]
LOCKED: Slots = {"verification_locked": True, "handoff_requested": True,
                 "otp_code": None, "requested_slot": None}


class ValidateVerificationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_verification_form"

    async def validate_customer_code(self, value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Slots:
        code = normalize_customer_code(str(value or ""))
        if code is None:
            dispatcher.utter_message(response="utter_customer_code_invalid")
            return {"customer_code": None}
        try:
            sent = await client().start_verification(tracker.sender_id, code)
        except TooManyCodes as exc:
            dispatcher.utter_message(response="utter_otp_too_many",
                                     minutes=max(1, -(-exc.retry_after // 60)))
            return {"customer_code": None}
        except Locked:
            return {**LOCKED, "customer_code": None}
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return {"customer_code": None}
        dispatcher.utter_message(response="utter_otp_sent",
                                 customer_code=str(sent.get("customer_code", code)))
        return {"customer_code": code, "otp_code": None}

    async def validate_otp_code(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> Slots:
        code = normalize_otp(str(value or ""))
        if code is None:
            dispatcher.utter_message(response="utter_otp_invalid_format")
            return {"otp_code": None}
        try:
            result = await client().check_code(tracker.sender_id, code)
        except WrongCode as exc:
            dispatcher.utter_message(response="utter_otp_wrong", attempts_left=exc.attempts_left)
            return {"otp_code": None}
        except Expired:
            dispatcher.utter_message(response="utter_otp_expired")
            return {"otp_code": None, "customer_code": None}
        except Locked:
            return LOCKED
        except BackendError as exc:
            utter_error(dispatcher, exc)
            return {"otp_code": None}
        customer = result.get("customer") or {}
        return {"otp_code": code, "verified": True, "verification_locked": False,
                "customer_name": customer.get("name"),
                "customer_code": customer.get("code", tracker.get_slot("customer_code"))}
