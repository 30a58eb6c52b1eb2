"""Attachment records: safe file names, sizes, and bytes unless too large."""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from email.message import Message

from channels.email.limits import Limits
from channels.email.model import Attachment
from channels.email.parse.headers import decode_value, to_bytes
from channels.email.parse.transfer import decode_transfer, estimated_size

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
DEFAULT_NAMES = {
    "application/ms-tnef": "winmail.dat",
    "text/calendar": "invite.ics",
    "message/rfc822": "forwarded.eml",
    "message/delivery-status": "delivery-status.txt",
    "text/rfc822-headers": "original-headers.txt",
}
MAX_NAME = 120


def sanitise_filename(name: str | None, content_type: str, index: int) -> str:
    """A file name safe on any file system; never empty, never a path."""
    text = unicodedata.normalize("NFC", decode_value(name or "", 1000))
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = _SPACES.sub(" ", _UNSAFE.sub("_", text)).strip(" .")
    if not text:
        guessed = mimetypes.guess_extension(content_type) or ".bin"
        text = DEFAULT_NAMES.get(content_type, f"attachment-{index}{guessed}")
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if stem.lower() in RESERVED:
        stem = f"_{stem}"
    ext = ext[:16]
    stem = stem[: MAX_NAME - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


ENCODED = frozenset({"base64", "quoted-printable"})


def transfer_encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "") or "").strip().lower()


def raw_payload(part: Message) -> bytes:
    """The body bytes still in their transfer encoding (base64 and QP only).

    For every other encoding the stdlib's ``decode=True`` returns the original
    bytes (or decodes uuencode), which ``decode=False`` would have mangled.
    """
    if transfer_encoding(part) in ENCODED:
        payload = part.get_payload(decode=False)
        return to_bytes(payload) if isinstance(payload, str) else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def filename_of(part: Message) -> str | None:
    try:
        name = part.get_filename() or part.get_param("name")
    except (LookupError, ValueError, TypeError, IndexError):
        return None
    return name if isinstance(name, str) else None


def build_attachment(
    part: Message, index: int, limits: Limits, count: int
) -> tuple[Attachment, bool]:
    """Return ``(attachment, repaired)``; bytes are decoded only within the limits."""
    ctype = part.get_content_type()
    encoded = raw_payload(part)
    cte = transfer_encoding(part)
    name = sanitise_filename(filename_of(part), ctype, index)
    content_id = part.get("content-id")
    inline = part.get_content_disposition() == "inline"
    size = estimated_size(encoded, cte)
    if size > limits.max_attachment_bytes or count >= limits.max_attachments:
        return Attachment(name, ctype, size, None, index, True, inline, _cid(content_id)), False
    data, repaired = decode_transfer(encoded, cte)
    return Attachment(
        name, ctype, len(data), data, index, False, inline, _cid(content_id)
    ), repaired


def _cid(value: object) -> str | None:
    return decode_value(str(value), 250).strip("<>") or None if value is not None else None
