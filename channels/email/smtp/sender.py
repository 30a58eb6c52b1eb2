"""Replies by e-mail: threaded, in the conversation's language, with the incident id.

``MailReplier`` renders and sends one reply (the colleague's ``render_reply``) and
logs it in the backend (rate cap, and so a reply to it finds its conversation).
``EmailSender`` is the outbox's sender for channel ``email``: every mail the desk sends
goes through it, the bot's answers to incoming mail included (queued by ``ingest.py``),
so a failed SMTP send is retried with the outbox's backoff. Its Message-ID is derived
from the outbox row, so a retry of a mail that did go out carries the same Message-ID.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from email.message import EmailMessage

from channels.core.errors import BackendError, DeliveryError
from channels.core.models import BotMessage, Button, Delivery, OutboxItem
from channels.email.errors import RenderError
from channels.email.ingest.client import MailBackendClient, ReplyContext
from channels.email.model import Address, ThreadHeaders
from channels.email.render.reply import MailSettings, render_reply
from channels.email.render.thread_refs import incident_in_subject
from channels.email.smtp.mailer import SmtpMailer

log = logging.getLogger(__name__)

_SPANISH = re.compile(
    r"\b(?:hola|gracias|buenos|buenas|por favor|no funciona|el|la|los|las|que|de|una|está|tengo)\b",
    re.IGNORECASE,
)
_ENGLISH = re.compile(
    r"\b(?:hello|hi|thanks|please|the|is|not|working|my|our|with|have|broken)\b", re.IGNORECASE
)


def guess_language(text: str) -> str | None:
    """``es``/``en`` by counting common words; ``None`` when it cannot tell."""
    es, en = len(_SPANISH.findall(text)), len(_ENGLISH.findall(text))
    if es == en:
        return None
    return "es" if es > en else "en"


def combine(replies: Sequence[BotMessage]) -> tuple[str, tuple[Button, ...]]:
    """One mail for a turn's replies: their texts, and the last buttons offered."""
    text = "\n\n".join(reply.text for reply in replies if reply.text)
    buttons = next((tuple(r.buttons) for r in reversed(replies) if r.buttons), ())
    return text, buttons


def thread_of(context: ReplyContext) -> ThreadHeaders | None:
    thread = context.thread
    if not thread or not thread.get("message_id"):
        return None
    refs = tuple(str(ref) for ref in thread.get("references") or ())
    return ThreadHeaders(str(thread["message_id"]), None, refs, str(thread.get("subject") or ""))


class MailReplier:
    def __init__(self, mailer: SmtpMailer, backend: MailBackendClient,
                 clock: Callable[[], datetime]) -> None:
        self._mailer = mailer
        self._backend = backend
        self._clock = clock  # the product clock: the Date header agrees with the backend
        s = mailer.settings
        self._mail = MailSettings(s.from_address, s.from_name, s.message_id_domain)

    @property
    def domain(self) -> str:
        return self._mail.message_id_domain

    async def context(
        self, recipient: str, conversation_id: str | None, outbox_id: str | None = None
    ) -> ReplyContext:
        return await self._backend.reply_context(recipient, conversation_id, outbox_id)

    async def send(
        self,
        *,
        to: Address,
        replies: Sequence[BotMessage],
        context: ReplyContext,
        conversation_id: str | None,
        thread: ThreadHeaders | None = None,
        language_hint: str | None = None,
        incident_hint: str | None = None,
        message_id: str | None = None,
    ) -> str:
        """Send the replies as one mail; return its Message-ID. Raises ``DeliveryError``."""
        text, buttons = combine(replies)
        try:
            message = self._render(
                to, text, buttons, context, thread, language_hint, incident_hint, message_id
            )
        except RenderError as exc:
            raise DeliveryError(f"cannot render a reply to {to.address!r}: {exc}") from exc
        await self._mailer.send(message)
        message_id = str(message["Message-ID"])
        try:
            await self._backend.log_reply(to.address, message_id, conversation_id)
        except BackendError as exc:  # sent already: never send twice for a missing log row
            log.error("mail: sent %s but could not log it: %s", message_id, exc)
        return message_id

    def _render(
        self,
        to: Address,
        text: str,
        buttons: Sequence[Button],
        context: ReplyContext,
        thread: ThreadHeaders | None,
        language_hint: str | None,
        incident_hint: str | None,
        message_id: str | None,
    ) -> EmailMessage:
        return render_reply(
            to=to,
            text=text,
            settings=self._mail,
            now=self._clock(),
            language=context.language or language_hint or guess_language(text) or "es",
            buttons=buttons,
            thread=thread or thread_of(context),
            incident_id=incident_hint or context.incident_id,
            message_id=message_id,
        )


class EmailSender:
    """Outbox rows for channel ``email`` (notices, one-time codes, agent replies)."""

    def __init__(self, replier: MailReplier) -> None:
        self._replier = replier

    async def send(self, item: OutboxItem) -> Delivery:
        try:
            context = await self._replier.context(item.address, item.conversation_id, item.id)
        except BackendError as exc:
            raise DeliveryError(f"no reply context: {exc}") from exc
        subject = str((context.thread or {}).get("subject") or "")
        message_id = await self._replier.send(
            to=Address(item.address.strip().lower()),
            replies=[BotMessage(text=item.text, buttons=item.buttons)],
            context=context,
            conversation_id=item.conversation_id,
            language_hint=guess_language(item.text),
            incident_hint=incident_in_subject(subject) if subject else None,
            message_id=self.message_id(item),
        )
        return Delivery(via="smtp", provider_message_id=message_id[:200])

    def message_id(self, item: OutboxItem) -> str:
        """The same for every try of a row: a mail sent but not recorded as delivered and
        sent again is one message to the recipient's mail program."""
        digest = hashlib.sha256(f"{item.id}\n{item.address}\n{item.text}".encode()).hexdigest()
        return f"<{item.id.lower()}.{digest[:16]}@{self._replier.domain}>"
