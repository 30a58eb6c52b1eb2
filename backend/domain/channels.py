"""Channels and how a sender address matches a contact on file."""

from __future__ import annotations

from collections.abc import Callable

CHANNELS = ("web", "rest", "telegram", "sms", "whatsapp", "email")

# channel → contact field that identifies a sender on that channel.
# `web` and `rest` are absent on purpose: they are never auto-verified.
IDENTIFYING_FIELD: dict[str, str] = {
    "sms": "phone",
    "whatsapp": "phone",
    "email": "email",
    "telegram": "telegram_id",
}


def _phone(address: str) -> str:
    return address.removeprefix("whatsapp:").replace(" ", "")


ADDRESS_NORMALISERS: dict[str, Callable[[str], str]] = {
    "sms": _phone,
    "whatsapp": _phone,
    "email": lambda a: a.strip().lower(),
    "telegram": lambda a: a.strip(),
}


def normalise_address(channel: str, address: str) -> str:
    return ADDRESS_NORMALISERS.get(channel, str.strip)(address)


# Where to send a one-time code: contact channels in order of preference,
# by the channel the customer is talking on.
OTP_CHANNEL_PREFERENCE: dict[str, tuple[str, ...]] = {
    "telegram": ("telegram", "email", "sms"),
    "sms": ("sms", "email", "telegram"),
    "whatsapp": ("sms", "email", "telegram"),
}
DEFAULT_OTP_PREFERENCE = ("email", "sms", "telegram")

# the channels a code can be sent on, and the contact field it goes to (one table: the above)
CONTACT_FIELD_OF_CHANNEL: dict[str, str] = {
    channel: IDENTIFYING_FIELD[channel] for channel in DEFAULT_OTP_PREFERENCE
}
