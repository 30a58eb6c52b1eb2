"""Walking the MIME tree: the readable text, the attachments, the bounce report.

One ``Walk`` visits every part in ``Message.walk()`` order (so ``part_index``
finds an attachment again in the raw message). ``ROUTES`` says which content
types are containers and how each picks the children whose text is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from types import MappingProxyType

from channels.email.errors import BrokenMime, Encrypted, NestingTooDeep
from channels.email.limits import Limits
from channels.email.model import Attachment, DeliveryReport
from channels.email.parse.attachments import (
    build_attachment,
    filename_of,
    raw_payload,
    transfer_encoding,
)
from channels.email.parse.charset import clean_text, decode_bytes
from channels.email.parse.dsn import delivery_report
from channels.email.parse.headers import decode_value
from channels.email.parse.html_to_text import html_to_text
from channels.email.parse.salvage import salvage_text
from channels.email.parse.transfer import base64_damage, decode_transfer

TEXT_TYPES = frozenset({"text/plain", "text/html", "text/enriched"})
PKCS7 = frozenset({"application/pkcs7-mime", "application/x-pkcs7-mime"})


@dataclass
class Walk:
    limits: Limits
    texts: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: set[str] = field(default_factory=set)
    report: DeliveryReport | None = None
    index: int = 0
    chars: int = 0

    def add_text(self, text: str) -> None:
        room = self.limits.max_text_chars - self.chars
        if room <= 0:
            self.warnings.add("text_truncated")
            return
        if len(text) > room:
            self.warnings.add("text_truncated")
        self.texts.append(text[:room])
        self.chars += min(len(text), room)


def leaf_text(part: Message, walk: Walk) -> str:
    """Decoded, cleaned text of one text part (HTML converted).

    A base64 body with more non-base64 characters than ``max_base64_damage`` cannot be
    decoded reliably: ``BrokenMime`` (what little decodes would be garbage or a fragment).
    """
    payload, encoding = raw_payload(part), transfer_encoding(part)
    if encoding.strip().lower() == "base64":
        damage = base64_damage(payload)
        if damage > walk.limits.max_base64_damage:
            raise BrokenMime(f"base64 text part: {damage:.0%} of its characters are not base64")
    data, repaired = decode_transfer(payload, encoding)
    if repaired:
        walk.warnings.add("broken_transfer_encoding")
    text, _, wrong = decode_bytes(data, part.get_content_charset())
    if wrong:
        walk.warnings.add("bad_charset")
    text = clean_text(text)
    if part.get_content_type() == "text/html" or text.lstrip()[:14].lower().startswith(
        ("<html", "<!doctype html")
    ):
        return html_to_text(text)
    return text


def _is_attachment(part: Message) -> bool:
    return part.get_content_disposition() == "attachment" or filename_of(part) is not None


def _best_alternative(children: list[Message], walk: Walk) -> int:
    for wanted in ("text/plain", "text/html"):
        for position, child in enumerate(children):
            usable = child.get_content_type() == wanted and not _is_attachment(child)
            if usable and (wanted == "text/html" or _has_text(child, walk)):
                return position
    for position, child in enumerate(children):
        if child.get_content_maintype() == "multipart":
            return position
    return 0


def _has_text(part: Message, walk: Walk) -> bool:
    """A plain alternative that cannot be decoded gives way to the others."""
    try:
        return bool(leaf_text(part, walk).strip())
    except BrokenMime:
        return False


def _all(kids: list[Message], walk: Walk) -> set[int]:
    return set(range(len(kids)))


Chooser = Callable[[list[Message], Walk], set[int]]
ROUTES: MappingProxyType[str, Chooser] = MappingProxyType(
    {
        "multipart/alternative": lambda kids, walk: {_best_alternative(kids, walk)},
        "multipart/report": lambda kids, walk: {0},
        "message/rfc822": lambda kids, walk: set(range(len(kids))),
        "message/global": lambda kids, walk: set(range(len(kids))),
    }
)


def _check_encrypted(part: Message, ctype: str) -> None:
    """PGP/MIME (RFC 3156) or S/MIME enveloped data: nothing the bot could read."""
    if ctype == "multipart/encrypted":
        raise Encrypted(f"PGP/MIME, protocol {part.get_param('protocol')!r}")
    if ctype in PKCS7 and str(part.get_param("smime-type") or "").lower() != "signed-data":
        raise Encrypted(f"S/MIME {ctype}")


def visit(part: Message, walk: Walk, depth: int, read_text: bool) -> None:
    if depth > walk.limits.max_depth * 2 + 2:
        raise NestingTooDeep(f"MIME tree deeper than {depth}")
    walk.index += 1
    ctype = part.get_content_type()
    _check_encrypted(part, ctype)
    payload = part.get_payload()
    if isinstance(payload, list):
        if ctype == "message/delivery-status":
            walk.report = delivery_report(part)
            walk.index += len(payload)
            return
        if ctype in ("message/rfc822", "message/global") and read_text:
            walk.add_text(forward_header(payload))
        kids = [kid for kid in payload if isinstance(kid, Message)]
        chosen = ROUTES.get(ctype, _all)(kids, walk)
        for position, kid in enumerate(kids):
            visit(kid, walk, depth + 1, read_text and position in chosen)
        return
    if part.get_content_maintype() == "multipart":
        walk.warnings.add("missing_boundary")
        if read_text:
            walk.add_text(_salvage(part, walk))
        return
    if ctype in TEXT_TYPES and read_text and not _is_attachment(part):
        walk.add_text(leaf_text(part, walk))
        return
    if ctype == "application/ms-tnef":
        walk.warnings.add("tnef")
    attachment, repaired = build_attachment(
        part, walk.index - 1, walk.limits, len(walk.attachments)
    )
    if repaired:
        walk.warnings.add("broken_transfer_encoding")
    if attachment.too_large:
        walk.warnings.add("attachment_too_large")
    walk.attachments.append(attachment)


def forward_header(payload: list[Message | str]) -> str:
    inner = next((kid for kid in payload if isinstance(kid, Message)), None)
    if inner is None:
        return "---------- Forwarded message ----------"
    lines = ["", "---------- Forwarded message ----------"]
    for name in ("From", "Date", "Subject"):
        value = inner.get(name)
        if value is not None:
            lines.append(f"{name}: {decode_value(str(value), 300)}")
    return "\n".join(lines) + "\n"


def _salvage(part: Message, walk: Walk) -> str:
    """Text of a multipart whose boundary is missing (see ``salvage_text``)."""
    return salvage_text(leaf_text(part, walk))
