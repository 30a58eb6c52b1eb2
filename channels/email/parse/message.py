"""``parse_email``: raw bytes in, a ``ParsedEmail`` out, or a typed rejection.

Order matters: the raw bytes are measured first (``prescan``), only then the
stdlib parser runs (compat32, so header values stay raw and every decoding goes
through this package's tolerant helpers). Anything the stdlib parser raises on
hostile input becomes ``MalformedMail``; nothing untyped escapes.
"""

from __future__ import annotations

import hashlib
from email import message_from_bytes
from email.message import Message
from email.policy import compat32

from channels.email.errors import MailRejected, MalformedMail, NestingTooDeep, NotAnEmail
from channels.email.limits import Limits
from channels.email.model import ParsedEmail, Quarantine
from channels.email.parse.body import Walk, visit
from channels.email.parse.bot_text import tidy
from channels.email.parse.header_fields import header_fields
from channels.email.parse.prescan import prescan
from channels.email.parse.reading import reading

DEFAULT_LIMITS = Limits()


def parse_email(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedEmail:
    """Parse one message; raise a ``MailRejected`` subclass when it cannot be read."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise NotAnEmail(f"expected bytes, got {type(raw).__name__}")
    data = bytes(raw)
    prescan(data, limits)
    try:
        message = message_from_bytes(data.lstrip(b"\r\n"), policy=compat32)
        return _build(message, data, limits)
    except MailRejected:
        raise
    except RecursionError as exc:
        raise NestingTooDeep("the MIME tree is too deep to walk") from exc
    except Exception as exc:  # the boundary: hostile input must leave as a typed error
        raise MalformedMail(f"{type(exc).__name__}: {exc}"[:300]) from exc


def parse_or_quarantine(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedEmail | Quarantine:
    """Never raises: a message the bot cannot read comes back as a ``Quarantine``."""
    try:
        return parse_email(raw, limits)
    except MailRejected as exc:
        data = bytes(raw) if isinstance(raw, bytes | bytearray | memoryview) else b""
        return Quarantine(exc.reason, exc.detail, data, hashlib.sha256(data).hexdigest())


def _build(message: Message, raw: bytes, limits: Limits) -> ParsedEmail:
    fields = header_fields(message, limits)
    walk = Walk(limits)
    visit(message, walk, 0, True)
    if message.defects:
        walk.warnings.add("mime_defects")
    full_text = tidy("\n\n".join(text for text in walk.texts if text.strip()))
    read = reading(
        full_text,
        fields.subject,
        fields.thread.in_reply_to is not None,
        tuple(walk.attachments),
        frozenset(walk.warnings),
        limits.max_bot_chars,
    )
    single = fields.single
    return ParsedEmail(
        sender=fields.sender,
        to=fields.to,
        cc=fields.cc,
        reply_to=fields.reply_to,
        subject=fields.subject,
        date=fields.date,
        thread=fields.thread,
        full_text=full_text,
        text_for_bot=read.text,
        truncated=read.truncated,
        attachments=tuple(walk.attachments),
        content_type=message.get_content_type(),
        auto_submitted=single.get("auto-submitted"),
        precedence=single.get("precedence"),
        list_id=single.get("list-id"),
        list_unsubscribe=single.get("list-unsubscribe"),
        auto_response_suppress=tuple(
            token.strip().lower()
            for token in single.get("x-auto-response-suppress", "").split(",")
            if token.strip()
        ),
        return_path=single.get("return-path"),
        delivery_report=walk.report,
        extra_headers=fields.extra,
        fingerprint=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        warnings=tuple(sorted(walk.warnings)),
        recipients=fields.recipients,
        undisclosed=fields.undisclosed,
        quoted_only=read.quoted_only,
    )
