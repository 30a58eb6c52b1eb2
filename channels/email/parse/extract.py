"""Getting an attachment's bytes back from the raw message, unbounded by ``Limits``.

Attachments above ``Limits.max_attachment_bytes`` are only recorded by
``parse_email``; the sender of a later step calls these with the stored raw
message and the attachment's ``part_index`` when it really needs the bytes.
"""

from __future__ import annotations

from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

from channels.email.errors import MalformedMail
from channels.email.parse.attachments import raw_payload, transfer_encoding
from channels.email.parse.transfer import decode_transfer


def extract_attachment(raw: bytes, part_index: int) -> bytes:
    """The decoded bytes of the part at ``part_index`` (``Message.walk()`` order)."""
    try:
        message = message_from_bytes(raw.lstrip(b"\r\n"), policy=compat32)
        for index, part in enumerate(message.walk()):
            if index == part_index and not part.is_multipart():
                return decode_transfer(raw_payload(part), transfer_encoding(part))[0]
    except (RecursionError, LookupError, ValueError, TypeError, IndexError) as exc:
        raise MalformedMail(f"cannot re-read part {part_index}: {exc}") from exc
    raise MalformedMail(f"no leaf part at index {part_index}")


def spill_attachment(raw: bytes, part_index: int, destination: Path) -> Path:
    """Write the part's bytes to ``destination`` (a file path) and return it."""
    destination.write_bytes(extract_attachment(raw, part_index))
    return destination
