"""A Twilio inbound-SMS form as one ``InboundMessage``, plus what the words mean to us:
an opt-out keyword (STOP/BAJA, START/ALTA) or a numbered choice ("2", "2.", "opción 2")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from channels.core.errors import InvalidInput
from channels.core.models import InboundMessage, StoredInbound
from channels.sms.media import media_urls

CHANNEL = "sms"
# Twilio's default opt-out / opt-in keywords, plus the Spanish BAJA / ALTA.
# (START-side "YES" is left out on purpose: to the bot it means "affirm".)
KEYWORDS = {
    **dict.fromkeys(("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "BAJA"), "stop"),
    **dict.fromkeys(("START", "UNSTOP", "ALTA"), "start"),
}
# Twilio Advanced Opt-Out names the keyword's meaning in OptOutType.
OPT_OUT_TYPES = {"STOP": "stop", "START": "start"}
CHOICE = re.compile(
    r"(?:(?:opci[oó]n|option|n[uú]mero|number|n[º°o]\.?|#)\s*)?(\d{1,2})\s*[.)]?",
    re.IGNORECASE,
)
PHONE = re.compile(r"\+?[0-9]{3,15}")


@dataclass(frozen=True)
class SmsInbound:
    message: InboundMessage
    keyword: str | None = None  # "stop" | "start"
    choice: int | None = None  # 1-based number the customer replied with
    media_only: bool = False  # an MMS without text: stored, answered by a notice
    media_urls: tuple[str, ...] = ()  # MediaUrl0… (sms/media.py fetches them)


def parse_form(form: Mapping[str, str]) -> SmsInbound:
    """Raise ``InvalidInput`` when the form is not an inbound SMS."""
    sender, sid = form.get("From", "").strip(), form.get("MessageSid", "").strip()
    if not PHONE.fullmatch(sender) or not sid:
        raise InvalidInput("invalid_request", "an inbound SMS needs From and MessageSid")
    body = form.get("Body", "")
    media = _media_count(form)
    text = body if body.strip() or not media else f"[media x{media}]"
    metadata: dict[str, object] = {"to": form.get("To", ""), "num_media": media}
    message = InboundMessage(CHANNEL, sender, text, provider_message_id=sid, metadata=metadata)
    return SmsInbound(
        message,
        keyword=keyword_of(body, form.get("OptOutType", "")),
        choice=choice_of(body),
        media_only=not body.strip() and media > 0,
        media_urls=media_urls(form, media),
    )


def keyword_of(body: str, opt_out_type: str) -> str | None:
    word = body.strip().strip(".!¡").upper()
    return OPT_OUT_TYPES.get(opt_out_type.upper()) or KEYWORDS.get(word)


def choice_of(body: str) -> int | None:
    match = CHOICE.fullmatch(body.strip())
    return int(match.group(1)) if match else None


def resolve(sms: SmsInbound, stored: StoredInbound) -> InboundMessage:
    """A number among the offered choices becomes that button's payload."""
    offered = stored.offered_payloads
    if sms.choice is not None and 1 <= sms.choice <= len(offered):
        return replace(sms.message, payload=offered[sms.choice - 1])
    return sms.message


def _media_count(form: Mapping[str, str]) -> int:
    try:
        return max(int(form.get("NumMedia", "0") or 0), 0)
    except ValueError:
        return 0
