"""What the bot reads of one parsed mail, and whether there is anything to read at all.

The customer's own words (answers between quoted lines and a forwarded message
included), then the text of attached ``.txt``/PDF files, and — for a new mail whose
body says little — the subject, where people often write the whole request. A mail
whose MIME structure is broken and left nothing readable is refused (``BrokenMime``),
as is an inline PGP message (``Encrypted``): the bot never answers garbage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from channels.email.errors import BrokenMime, Encrypted
from channels.email.model import Attachment
from channels.email.parse.attachment_text import attachment_text
from channels.email.parse.bot_text import bounded, customer_words, tidy

FORWARD_SUBJECT = re.compile(r"^\s*(?:fw|fwd|rv|tr|wg|enc|reenv[ií]o)\s*:", re.IGNORECASE)
REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|r)\s*:", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{3,}")
PGP_INLINE = "-----BEGIN PGP MESSAGE-----"
STRUCTURE_DAMAGE = frozenset({"broken_transfer_encoding", "bad_charset"})
SHORT_BODY = 500
READABLE = frozenset("áéíóúüñçàèìòùâêîôûäëïöÁÉÍÓÚÜÑÇÀÈÌÒÙ¿¡ºª€£°«»–—’“”…")


def _subject_adds(subject: str, own: str) -> bool:
    """An empty body, or a short one that does not repeat most of the subject's words
    ("lo que pone en el asunto")."""
    if not own:
        return True
    if len(own) > SHORT_BODY:
        return False
    words = {word.lower() for word in WORD.findall(subject)}
    new = words - {word.lower() for word in WORD.findall(own)}
    return len(new) * 2 > len(words)


def _gibberish(text: str) -> bool:
    """Mostly characters no European text is made of (binary decoded as Latin-1…)."""
    plain = sum(1 for char in text if char.isascii() or char in READABLE)
    return plain < 0.8 * len(text)


@dataclass(frozen=True)
class Reading:
    text: str
    truncated: bool
    quoted_only: bool


def _attachments_text(attachments: tuple[Attachment, ...]) -> str:
    parts = []
    for attachment in attachments:
        text = attachment_text(attachment)
        if text:
            parts.append(f"[{attachment.filename}]\n{text}")
    return "\n\n".join(parts)


def reading(
    full_text: str,
    subject: str,
    replying: bool,
    attachments: tuple[Attachment, ...],
    warnings: frozenset[str],
    max_chars: int,
) -> Reading:
    """Raise ``BrokenMime``/``Encrypted`` when there is nothing honest to read."""
    if PGP_INLINE in full_text:
        raise Encrypted("inline PGP message")
    own, quoted = customer_words(full_text, bool(FORWARD_SUBJECT.match(subject)))
    attached = _attachments_text(attachments)
    damaged = "mime_defects" in warnings and bool(STRUCTURE_DAMAGE & warnings)
    if damaged and not attached and (len(WORD.findall(own)) < 3 or _gibberish(own)):
        raise BrokenMime(f"no readable text left ({sorted(warnings)})")
    text = tidy(f"{own}\n\n{attached}")
    quoted_only = quoted and not text
    topic = subject.strip()
    replying = replying or bool(REPLY_SUBJECT.match(topic))
    if topic and not replying and _subject_adds(topic, own):
        text = tidy(f"{topic}\n\n{text}")
    bot_text, truncated = bounded(text, max_chars)
    return Reading(bot_text, truncated, quoted_only)
