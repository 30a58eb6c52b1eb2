"""Verification form: a customer code, then ONE second factor that never dead-ends.

The second factor (slot ``otp_code``) is whatever the customer offers: the serial of one of
that customer's machines as typed off its plate, one of its registered e-mail addresses, or
a one-time code sent to the registered contact when they ask for one ("send me a code").
Nothing about the customer is said before a factor matches, not even whether the customer
code exists: an unknown code and a wrong factor get the same answer. After two failures the
bot lists the other ways and offers a person; the backend locks the conversation at the
third (one-time codes and factors counted together), which ends the form (the rules then
hand the conversation to a person). Wrong factors are also counted per customer code across
conversations: past the backend's limit checks pause and the bot says for how long. What the
customer says about the fault meanwhile is kept (slot ``symptom``) and used once they are
verified.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.backend import client
from actions.common import utter_error
from actions.errors import (
    BackendError,
    Expired,
    Locked,
    TooManyAttempts,
    TooManyCodes,
    WrongCode,
)
from actions.parsing import fold, normalize_customer_code, normalize_otp
from actions.understanding import describes_fault

Slots = dict[str, Any]
LOCKED: Slots = {"verification_locked": True, "handoff_requested": True,
                 "otp_code": None, "requested_slot": None}
# "send me a code", "mándame el código", "can u send the code to the main contact"
ASKS_FOR_CODE = re.compile(
    r"\b(send|resend|text|email|mail|envia\w*|manda\w*|reenvia\w*|pasa\w*)\b.*\b(code|codigo|pin)"
    r"|\b(code|codigo)\b.*\b(please|por favor|porfa)\b|^(codigo|code|otp)\W*$")
# a customer code typed as one ("C-1013", "cliente 1013"), not any four digits of a serial
TYPED_CODE = re.compile(r"\bc[- ]?\d{4,5}\b|\b(?:cliente|customer|client)\b\D{0,20}\d{4,5}\b"
                        r"|^\s*\d{4,5}\s*$", re.IGNORECASE)
SERIAL_LIKE = re.compile(r"\b[a-z]{1,5}[ -]?\d{3,6}\b", re.IGNORECASE)
OTP = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}(?![\w-])")


def _typed_code(text: str) -> str | None:
    """The customer code typed as one ("C-1013", "cliente 1013", "1013" alone); four digits
    inside a serial ("SN 51734") are not a customer code."""
    found = TYPED_CODE.search(text)
    return normalize_customer_code(found.group(0)) if found else None


def _failures(tracker: Tracker) -> int:
    return int(tracker.get_slot("verification_failures") or 0)


def _kept_description(tracker: Tracker, text: str, *, append: bool) -> Slots:
    """A fault description said instead of a code: kept for the report, not refused (added
    to what was said before when ``append``, else only when nothing was)."""
    said = str(tracker.get_slot("symptom") or "")
    reporting = tracker.get_slot("task") in (None, "report")  # not while asking a status
    if not reporting or not describes_fault(text) or text in said or (said and not append):
        return {}
    return {"symptom": f"{said}\n{text}" if said else text}


class ValidateVerificationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_verification_form"

    async def validate_customer_code(self, value: Any, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Slots:
        text = str(value or "")
        code = _typed_code(text)
        if code is not None:
            found = {"customer_code": code, "otp_code": None, "verification_failures": 0}
            said = str(tracker.latest_message.get("text") or text)  # the slot may be an entity
            rest = TYPED_CODE.sub(" ", said) if _typed_code(said) == code else ""
            if "@" in rest or SERIAL_LIKE.search(rest):  # the second factor in the same breath
                return {**found, **await self._check_factor(dispatcher, tracker, code, rest)}
            return found
        kept = _kept_description(tracker, text, append=True)
        dispatcher.utter_message(response="utter_description_kept" if kept
                                 else "utter_customer_code_invalid")
        # the form asks again (actions/verification_ask.py: with a person on offer by now)
        return {"customer_code": None, "verification_failures": _failures(tracker) + 1, **kept}

    async def validate_otp_code(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> Slots:
        text = str(value or "").strip()
        customer_code = str(tracker.get_slot("customer_code") or "")
        other_code = _typed_code(text)
        if other_code is not None and other_code != customer_code:
            return {"customer_code": other_code, "otp_code": None}  # a corrected code
        if ASKS_FOR_CODE.search(fold(text)):
            return await self._send_code(dispatcher, tracker, customer_code)
        typed_otp = OTP.search(text) if tracker.get_slot("otp_sent") else None
        if typed_otp is not None:  # only once a code went out: else six digits are a serial's
            return await self._check_code(dispatcher, tracker, typed_otp.group(0))
        if not any(ch.isdigit() for ch in text) and "@" not in text:
            kept = _kept_description(tracker, text, append=False)  # the form asks again
            if kept:
                dispatcher.utter_message(response="utter_description_kept")
            return {"otp_code": None, **kept}
        return await self._check_factor(dispatcher, tracker, customer_code, text)

    async def _check_factor(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                            customer_code: str, text: str) -> Slots:
        try:
            result = await client().check_factor(tracker.sender_id, customer_code, text)
        except WrongCode:
            return self._failed(dispatcher, tracker)
        except TooManyAttempts as exc:
            return _paused(dispatcher, "utter_verification_paused", exc)
        except BackendError as exc:
            return _refused(dispatcher, exc)
        return _verified(result, text, customer_code)

    async def _send_code(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         customer_code: str) -> Slots:
        try:
            sent = await client().start_verification(tracker.sender_id, customer_code)
        except TooManyCodes as exc:
            return _paused(dispatcher, "utter_otp_too_many", exc)
        except BackendError as exc:
            return _refused(dispatcher, exc)
        dispatcher.utter_message(response="utter_otp_sent",
                                 customer_code=str(sent.get("customer_code", customer_code)))
        return {"otp_code": None, "otp_sent": True}

    async def _check_code(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                          code: str) -> Slots:
        try:
            result = await client().check_code(tracker.sender_id, normalize_otp(code) or code)
        except WrongCode:
            return self._failed(dispatcher, tracker)
        except TooManyAttempts as exc:
            return _paused(dispatcher, "utter_verification_paused", exc)
        except Expired:
            dispatcher.utter_message(response="utter_otp_expired")
            return {"otp_code": None}
        except BackendError as exc:
            return _refused(dispatcher, exc)
        return _verified(result, code, str(tracker.get_slot("customer_code") or ""))

    def _failed(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Slots:
        dispatcher.utter_message(response="utter_factor_wrong")  # the form asks again
        return {"otp_code": None, "verification_failures": _failures(tracker) + 1}


def _refused(dispatcher: CollectingDispatcher, exc: BackendError) -> Slots:
    """Any other refusal of a verification step: a lock hands the customer to a person;
    else the error is said and the form asks again."""
    if isinstance(exc, Locked):
        return LOCKED
    utter_error(dispatcher, exc)
    return {"otp_code": None}


def _paused(dispatcher: CollectingDispatcher, response: str, exc: TooManyCodes) -> Slots:
    """A limit says wait: how long, in whole minutes (the form asks again)."""
    dispatcher.utter_message(response=response, minutes=max(1, -(-exc.retry_after // 60)))
    return {"otp_code": None}


def _verified(result: dict[str, Any], factor: str, customer_code: str) -> Slots:
    customer = result.get("customer") or {}
    return {"otp_code": factor, "verified": True, "verification_locked": False,
            "verification_failures": 0, "otp_sent": False, "customer_name": customer.get("name"),
            "customer_code": customer.get("code", customer_code)}


async def verify_in_passing(dispatcher: CollectingDispatcher, tracker: Tracker
                            ) -> list[EventType]:
    """A customer code and a second factor typed outside the verification form ("Customer
    code C-1012. Serial off the weigher on line A is ISH-0227-W", read as nothing the NLU
    knows): checked at once, the customer welcomed; [] when the message holds no such pair,
    the sender is verified already, or the factor is not theirs (the attempt counts)."""
    said = str(tracker.latest_message.get("text") or "")
    code = _typed_code(said)
    if tracker.get_slot("verified") or code is None or said.startswith("/"):
        return []
    rest = TYPED_CODE.sub(" ", said)
    if "@" not in rest and not SERIAL_LIKE.search(rest):
        return []
    try:
        result = await client().check_factor(tracker.sender_id, code, rest)
    except BackendError:
        return []
    slots = _verified(result, rest, code)
    dispatcher.utter_message(response="utter_verified_welcome",
                             customer_name=str(slots.get("customer_name") or ""))
    return [SlotSet(name, value) for name, value in slots.items()]
