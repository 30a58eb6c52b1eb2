"""The header-derived fields of a ``ParsedEmail``, read from the raw header list."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message

from channels.email.errors import SenderAmbiguous, SenderMissing
from channels.email.limits import Limits
from channels.email.model import Address, Envelope, ThreadHeaders
from channels.email.parse.headers import addresses, decode_value, msg_ids, parse_date

EXTRA = frozenset(
    {
        "sender",
        "x-autoreply",
        "x-autorespond",
        "x-auto-reply",
        "x-loop",
        "x-mailer",
        "user-agent",
        "x-failed-recipients",
        "x-ms-exchange-generated-message-source",
        "x-ms-exchange-inbox-rules-loop",
        "x-spam-flag",
        "x-mailer-daemon",
        "reply-by",
        "x-original-to",
        "delivered-to",
    }
)


@dataclass(frozen=True)
class HeaderFields(Envelope):
    """The envelope, plus the single-valued headers the loop guard reads and the extra
    ones kept for people."""

    single: dict[str, str]
    extra: dict[str, str]
    recipients: int = 0
    undisclosed: bool = False


def collect(message: Message) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        found.setdefault(str(name).strip().lower(), []).append(str(value))
    return found


def _sender(values: list[str]) -> Address:
    distinct = {value.strip() for value in values}
    if not distinct or distinct == {""}:
        raise SenderMissing("no From header")
    if len(distinct) > 1:
        raise SenderAmbiguous(f"{len(distinct)} different From headers")
    found = {mailbox.address: mailbox for mailbox in addresses(values[0])}
    if not found:
        raise SenderMissing(f"no valid address in From: {decode_value(values[0], 120)!r}")
    if len(found) > 1:
        raise SenderAmbiguous(f"{len(found)} addresses in From")
    return next(iter(found.values()))


def _author(raw: dict[str, list[str]]) -> Address:
    """From; without one, Sender, then Reply-To (the address an answer would go to)."""
    for name in ("from", "sender", "reply-to"):
        values = [value for value in raw.get(name, []) if value.strip()]
        if values and (name == "from" or addresses(values[0])):
            return _sender(values) if name == "from" else addresses(values[0])[0]
    raise SenderMissing("no From, Sender or Reply-To header")


def _recipients(raw: dict[str, list[str]]) -> tuple[int, bool]:
    """``(count, undisclosed)`` over every To and Cc header."""
    values = raw.get("to", []) + raw.get("cc", [])
    count = sum(len(addresses(value)) for value in values)
    group = any(":" in value and ";" in value for value in raw.get("to", []))
    return count, count == 0 and group


def header_fields(message: Message, limits: Limits) -> HeaderFields:
    raw = collect(message)

    def first(name: str) -> str:
        values = raw.get(name)
        return values[0] if values else ""

    def mailboxes(name: str) -> tuple[Address, ...]:
        return tuple(box for value in raw.get(name, [])[:20] for box in addresses(value))[:100]

    subject = decode_value(first("subject"), limits.max_header_chars)
    own_id = msg_ids(first("message-id"), 1)
    thread = ThreadHeaders(
        message_id=own_id[0] if own_id else None,
        in_reply_to=next(iter(msg_ids(first("in-reply-to"), 1)), None),
        references=msg_ids(" ".join(raw.get("references", [])[:5]), limits.max_references),
        subject=subject,
    )
    single: dict[str, str] = {
        name: decode_value(first(name), limits.max_header_chars)
        for name in (
            "auto-submitted",
            "precedence",
            "list-id",
            "list-unsubscribe",
            "x-auto-response-suppress",
            "return-path",
        )
        if name in raw
    }
    extra = {name: decode_value(raw[name][0], 500) for name in EXTRA if name in raw}
    recipients, undisclosed = _recipients(raw)
    return HeaderFields(
        sender=_author(raw),
        to=mailboxes("to"),
        cc=mailboxes("cc"),
        reply_to=mailboxes("reply-to"),
        subject=subject,
        date=parse_date(first("date")) if first("date") else None,
        thread=thread,
        single=single,
        extra=extra,
        recipients=recipients,
        undisclosed=undisclosed,
    )
