"""What is stored of one mail: the bot's text, the full text, headers and attachments.

Small attachments travel inline (base64) in the message's metadata; big ones, and
anything past the inline budget, are written under the attachments directory by a
name derived from the mail's fingerprint (a re-run rewrites the same file).
The raw bytes of a quarantined mail are kept in the database up to ``RAW_INLINE``,
on disk past that.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from channels.core.models import InboundMessage
from channels.email.ingest.client import POSITION_KEY, Position, QuarantineRecord
from channels.email.model import Attachment, ParsedEmail
from channels.email.parse.extract import extract_attachment

INLINE_MAX = 128 * 1024  # one attachment kept in the message payload
INLINE_TOTAL = 256 * 1024  # all inline attachments of one mail
FULL_TEXT_MAX = 50_000
RAW_INLINE = 512 * 1024
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_HEADER = re.compile(rb"^(from|subject):[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)


def provider_id(parsed: ParsedEmail) -> str:
    """The Message-ID, or a digest of it when too long, or of the raw mail when missing."""
    mid = parsed.message_id
    if mid and len(mid) <= 200:
        return mid
    if mid:
        return "mid-sha256:" + hashlib.sha256(mid.encode()).hexdigest()
    return "sha256:" + parsed.fingerprint


def content_digest(parsed: ParsedEmail) -> str:
    """What makes two deliveries the same mail, whatever relays added (Received…):
    sender, subject, date, text and attachments. The backend compares it when a
    Message-ID comes again."""
    parts = [
        parsed.sender.address,
        parsed.subject,
        parsed.date.isoformat() if parsed.date else "",
        parsed.full_text,
        *(
            f"{a.filename}|{a.content_type}|{a.size}|"
            + (hashlib.sha256(a.data).hexdigest() if a.data is not None else "")
            for a in parsed.attachments
        ),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def bot_text(parsed: ParsedEmail) -> str:
    """What the bot reads; the subject or the attachment names stand in for an empty body."""
    if parsed.text_for_bot.strip():
        return parsed.text_for_bot
    if parsed.subject.strip():
        return parsed.subject.strip()[:4000]
    names = ", ".join(a.filename or "?" for a in parsed.attachments)
    return f"[adjuntos / attachments: {names}]" if names else ""


def inbound_message(
    parsed: ParsedEmail, raw: bytes, position: Position, folder: Path, no_reply: str | None
) -> InboundMessage:
    email: dict[str, Any] = {
        "message_id": parsed.message_id,
        "in_reply_to": parsed.thread.in_reply_to,
        "references": list(parsed.thread.references[-20:]),
        "subject": parsed.subject,
        "from_name": parsed.sender.name,
        "to": [box.address for box in parsed.to][:20],
        "cc": [box.address for box in parsed.cc][:20],
        "date": parsed.date.isoformat() if parsed.date else None,
        "full_text": parsed.full_text[:FULL_TEXT_MAX],
        "full_text_truncated": parsed.truncated or len(parsed.full_text) > FULL_TEXT_MAX,
        "attachments": attachments(parsed, raw, folder),
        "warnings": list(parsed.warnings),
        "fingerprint": parsed.fingerprint,
        "content_digest": content_digest(parsed),
        "size": parsed.size,
        "no_reply": no_reply,
        "imap": position.to_json(),
    }
    return InboundMessage(
        channel="email",
        address=parsed.sender.address,
        text=bot_text(parsed),
        provider_message_id=provider_id(parsed),
        metadata={"email": email, POSITION_KEY: position.to_json()},
    )


def attachments(parsed: ParsedEmail, raw: bytes, folder: Path) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    budget = INLINE_TOTAL
    for item in parsed.attachments:
        entry: dict[str, Any] = {
            "filename": item.filename,
            "content_type": item.content_type,
            "size": item.size,
            "inline": item.inline,
            "content_id": item.content_id,
        }
        if item.data is not None and item.size <= min(INLINE_MAX, budget):
            budget -= item.size
            entry["data_base64"] = base64.b64encode(item.data).decode()
        else:
            entry["path"] = str(_spill(parsed.fingerprint, item, raw, folder))
        kept.append(entry)
    return kept


def _spill(fingerprint: str, item: Attachment, raw: bytes, folder: Path) -> Path:
    name = _UNSAFE_NAME.sub("_", item.filename or "attachment").strip("._")[:80] or "attachment"
    target = folder / fingerprint[:2] / fingerprint / f"{item.part_index}-{name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = item.data if item.data is not None else extract_attachment(raw, item.part_index)
    target.write_bytes(data)
    return target


def quarantine_record(
    raw: bytes, fingerprint: str, reason: str, detail: str, folder: Path
) -> QuarantineRecord:
    """The raw mail in the row when small, on disk when not; From/Subject best effort."""
    found = {m.group(1).lower(): m.group(2) for m in _HEADER.finditer(raw[:16384])}
    sender = found.get(b"from", b"").decode("latin-1").strip()[:200] or None
    subject = found.get(b"subject", b"").decode("latin-1").strip()[:300] or None
    if len(raw) <= RAW_INLINE:
        return QuarantineRecord(fingerprint, reason, detail, len(raw), sender, subject, raw=raw)
    target = folder / "quarantine" / f"{fingerprint}.eml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    return QuarantineRecord(
        fingerprint, reason, detail, len(raw), sender, subject, raw_path=str(target)
    )
