"""Plain data produced by ``parse_email`` and consumed by the loop guard and renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Address:
    """One mailbox: ``address`` is lower-cased (contacts are matched that way); ``name`` decoded."""

    address: str
    name: str = ""

    @property
    def local_part(self) -> str:
        return self.address.rsplit("@", 1)[0]

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1] if "@" in self.address else ""


@dataclass(frozen=True)
class Attachment:
    """One attached file.

    ``data`` is ``None`` when ``too_large`` is set: the bytes are still in the raw
    message and ``part_index`` (position in a depth-first walk) finds them again.
    """

    filename: str
    content_type: str
    size: int
    data: bytes | None
    part_index: int
    too_large: bool = False
    inline: bool = False
    content_id: str | None = None


@dataclass(frozen=True)
class DeliveryReport:
    """The machine-readable part of a bounce (RFC 3464 message/delivery-status)."""

    action: str = ""
    status: str = ""
    final_recipient: str = ""
    diagnostic: str = ""


@dataclass(frozen=True)
class ThreadHeaders:
    """What a reply needs to stay in the customer's thread."""

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str


@dataclass(frozen=True)
class Envelope:
    """Who wrote to whom, about what, in which thread: the addressing headers, decoded."""

    sender: Address
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    subject: str
    date: datetime | None
    thread: ThreadHeaders


@dataclass(frozen=True)
class ParsedEmail(Envelope):
    """One inbound e-mail, decoded.

    ``full_text`` is the whole readable body; ``text_for_bot`` is what the bot reads:
    quoted history, forwarded headers and signatures removed, at most
    ``Limits.max_bot_chars`` characters (``truncated`` tells). ``warnings`` lists
    what was repaired (``bad_charset``, ``broken_base64``, ``missing_boundary``…).
    ``fingerprint`` is the SHA-256 of the raw bytes (idempotency key when there is
    no Message-ID). ``recipients`` counts every To/Cc mailbox (``to``/``cc`` keep at
    most 100), ``undisclosed`` is set when the visible recipients are an empty group
    (``undisclosed-recipients:;``), ``quoted_only`` when the mail only quotes earlier
    text and adds nothing of its own.
    """

    full_text: str
    text_for_bot: str
    truncated: bool
    attachments: tuple[Attachment, ...]
    content_type: str
    auto_submitted: str | None
    precedence: str | None
    list_id: str | None
    list_unsubscribe: str | None
    auto_response_suppress: tuple[str, ...]
    return_path: str | None
    delivery_report: DeliveryReport | None
    extra_headers: dict[str, str]
    fingerprint: str
    size: int
    warnings: tuple[str, ...] = field(default=())
    recipients: int = 0
    undisclosed: bool = False
    quoted_only: bool = False

    @property
    def message_id(self) -> str | None:
        return self.thread.message_id

    @property
    def is_report(self) -> bool:
        return self.content_type == "multipart/report" or self.delivery_report is not None


@dataclass(frozen=True)
class Quarantine:
    """A message the bot will not read; ``raw`` is kept whole for a person."""

    reason: str
    detail: str
    raw: bytes
    fingerprint: str
