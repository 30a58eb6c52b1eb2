"""The e-mail channel's pure parts: parse inbound mail, guard against loops, render replies.

Inbound::

    result = parse_or_quarantine(raw, Limits())        # never raises
    if isinstance(result, Quarantine): store it for a person (result.reason)
    allowed, reason = should_reply(result, now, recent_replies, LoopPolicy(...))
    text = result.text_for_bot; button = match_choice(text, offered_buttons)

Outbound::

    message = render_reply(to=..., text=..., buttons=..., language="es",
                           thread=parsed.thread, incident_id="INC-00012",
                           settings=MailSettings(...), now=now)

Errors are documented in ``channels.email.errors``.
"""

from channels.email.errors import EmailChannelError, MailRejected, RenderError
from channels.email.limits import Limits
from channels.email.model import (
    Address,
    Attachment,
    DeliveryReport,
    ParsedEmail,
    Quarantine,
    ThreadHeaders,
)
from channels.email.parse.extract import extract_attachment, spill_attachment
from channels.email.parse.loop_guard import LoopPolicy, should_reply
from channels.email.parse.message import parse_email, parse_or_quarantine
from channels.email.render.choices import choices_text, match_choice
from channels.email.render.reply import MailSettings, render_reply
from channels.email.render.thread_refs import incident_in_subject

__all__ = [
    "Address",
    "Attachment",
    "DeliveryReport",
    "EmailChannelError",
    "Limits",
    "LoopPolicy",
    "MailRejected",
    "MailSettings",
    "ParsedEmail",
    "Quarantine",
    "RenderError",
    "ThreadHeaders",
    "choices_text",
    "extract_attachment",
    "incident_in_subject",
    "match_choice",
    "parse_email",
    "parse_or_quarantine",
    "render_reply",
    "should_reply",
    "spill_attachment",
]
