"""The machine-readable part of a bounce (RFC 3464 message/delivery-status)."""

from __future__ import annotations

import re
from email.message import Message
from types import MappingProxyType

from channels.email.model import DeliveryReport
from channels.email.parse.headers import decode_value, to_bytes

FIELDS = MappingProxyType(
    {
        "action": "action",
        "status": "status",
        "final-recipient": "final_recipient",
        "original-recipient": "final_recipient",
        "diagnostic-code": "diagnostic",
    }
)
_LINE = re.compile(r"^([A-Za-z\-]{1,40})[ \t]*:[ \t]*(.*)$", re.MULTILINE)


def _pairs(part: Message) -> list[tuple[str, str]]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [
            (str(name), str(value))
            for block in payload
            if isinstance(block, Message)
            for name, value in block.raw_items()
        ]
    text = to_bytes(payload).decode("utf-8", "replace") if isinstance(payload, str) else ""
    return _LINE.findall(text)


def delivery_report(part: Message) -> DeliveryReport:
    found: dict[str, str] = {}
    for name, value in _pairs(part):
        key = FIELDS.get(name.strip().lower())
        if key and key not in found:
            clean = decode_value(value, 500)
            found[key] = clean.split(";", 1)[-1].strip() if key == "final_recipient" else clean
    return DeliveryReport(**found)
