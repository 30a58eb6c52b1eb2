"""Helpers of the SMS tests: recorded Twilio forms, signed delivery to the gateway."""

from __future__ import annotations

import copy
import secrets

from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack, fixture

MARTA = "+34976123456"  # C-1001's phone on file (Spanish customer)
JOHN = "+447700900123"  # C-2001's phone on file (English customer)


def form(sender: str, body: str, name: str = "inbound_sms.json",
         sid: str | None = None) -> dict[str, str]:
    values: dict[str, str] = copy.deepcopy(fixture("twilio", name))
    sid = sid or "SM" + secrets.token_hex(16)
    values.update(From=sender, Body=body, MessageSid=sid, SmsSid=sid, SmsMessageSid=sid)
    if name == "inbound_sms.json":
        values.pop("OptOutType", None)
    return values


async def text_in(stack: Stack, sender: str, body: str) -> tuple[int, str]:
    """Post an inbound SMS the way Twilio does (its keyword handling included)."""
    values = stack.twilio.inbound_form(sender, body)
    url = stack.gateway_url + "/webhooks/twilio/sms"
    return await stack.twilio.deliver_sms(url, values)


async def bodies(stack: Stack, number: str, count: int = 1) -> list[str]:
    async def check() -> list[str]:
        found = stack.twilio.bodies_to(number)
        return found if len(found) >= count else []

    result: list[str] = await eventually(check)
    return result
