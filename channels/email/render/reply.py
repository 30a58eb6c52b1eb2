"""Outbound replies as ``EmailMessage``: threaded, numbered choices, HTML alternative.

Every reply carries ``Auto-Submitted: auto-replied`` (RFC 3834) and
``X-Auto-Response-Suppress: All`` so that other robots do not answer it, and a
Message-ID under the configured domain so that replies to it can be recognised.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from channels.core.models import Button
from channels.email.errors import RenderError
from channels.email.model import Address, ThreadHeaders
from channels.email.render.choices import choices_text, join_numbers
from channels.email.render.texts import texts_for
from channels.email.render.thread_refs import one_line, references, reply_subject


@dataclass(frozen=True)
class MailSettings:
    """The desk's own mailbox and the domain of the Message-IDs it creates."""

    from_address: str
    from_name: str = "Avisa"
    message_id_domain: str = "avisa.local"


def _header_address(box: Address) -> HeaderAddress:
    try:
        return HeaderAddress(display_name=one_line(box.name), addr_spec=one_line(box.address))
    except (ValueError, IndexError, TypeError) as exc:
        raise RenderError(f"bad address {box.address!r}: {exc}") from exc


def plain_body(text: str, buttons: Sequence[Button], language: str, incident_id: str | None) -> str:
    words = texts_for(language)
    parts = [text.strip()]
    if buttons:
        parts.append(choices_text(buttons, language))
    if incident_id:
        parts.append(words["incident"].format(incident=incident_id))
    return "\n\n".join(part for part in parts if part) + "\n"


def html_body(text: str, buttons: Sequence[Button], language: str, incident_id: str | None) -> str:
    words = texts_for(language)
    paragraphs = [
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>"
        for block in text.strip().split("\n\n")
        if block.strip()
    ]
    if buttons:
        items = "".join(f"<li>{html.escape(button.title)}</li>" for button in buttons)
        paragraphs.append(f"<ol>{items}</ol>")
        choices = join_numbers(len(buttons), language)
        paragraphs.append(f"<p>{html.escape(words['reply'].format(choices=choices))}</p>")
    if incident_id:
        paragraphs.append(f"<p>{html.escape(words['incident'].format(incident=incident_id))}</p>")
    lang = "es" if language == "es" else "en"
    return f'<!DOCTYPE html><html lang="{lang}"><body>{"".join(paragraphs)}</body></html>\n'


def render_reply(
    *,
    to: Address,
    text: str,
    settings: MailSettings,
    now: datetime,
    language: str = "en",
    buttons: Sequence[Button] = (),
    thread: ThreadHeaders | None = None,
    incident_id: str | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """One reply to ``to``; raise ``RenderError`` when it cannot be built safely."""
    if not to.address or "@" not in to.address:
        raise RenderError("a reply needs a recipient address")
    lang = "es" if (language or "").lower().startswith("es") else "en"
    message = EmailMessage(policy=SMTP)
    message["From"] = _header_address(Address(settings.from_address, settings.from_name))
    message["To"] = _header_address(to)
    original = thread.subject if thread else ""
    message["Subject"] = reply_subject(original, incident_id, texts_for(lang)["subject"])
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id or make_msgid(domain=settings.message_id_domain)
    if thread and (thread.message_id or thread.in_reply_to):
        message["In-Reply-To"] = one_line(thread.message_id or thread.in_reply_to or "")
        message["References"] = " ".join(one_line(ref) for ref in references(thread))
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(plain_body(text, buttons, lang, incident_id), cte="quoted-printable")
    message.add_alternative(
        html_body(text, buttons, lang, incident_id), subtype="html", cte="quoted-printable"
    )
    message["Content-Language"] = lang
    return message
