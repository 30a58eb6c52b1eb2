"""Text the customer put in an attachment: plain-text files and a PDF's text layer.

A request written only in ``averia.txt`` or a scanned form's PDF must reach the bot
as if typed in the body. Bounded on purpose: a few pages, a few thousand characters,
and any error of the PDF reader (hostile files) means "no text", never a crash.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from types import MappingProxyType

from channels.email.model import Attachment
from channels.email.parse.charset import clean_text, decode_bytes

MAX_PAGES = 5
MAX_CHARS = 3000
MAX_PDF_BYTES = 5 * 1024 * 1024


def _plain(data: bytes) -> str:
    text, _, _ = decode_bytes(data, None)
    return clean_text(text)


def _pdf(data: bytes) -> str:
    if len(data) > MAX_PDF_BYTES:
        return ""
    try:
        from pypdf import PdfReader  # imported here: only mails with a PDF pay for it

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return ""
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except Exception:  # noqa: BLE001 - a hostile or broken PDF has no text for the bot, nothing more
        return ""
    return clean_text("\n".join(pages))


READERS: MappingProxyType[str, Callable[[bytes], str]] = MappingProxyType(
    {"text": _plain, "pdf": _pdf}
)


def _kind(attachment: Attachment) -> str | None:
    data = attachment.data or b""
    name = attachment.filename.lower()
    if attachment.content_type == "application/pdf" or name.endswith(".pdf"):
        return "pdf" if data.startswith(b"%PDF-") else None
    if attachment.content_type == "text/plain" or name.endswith(".txt"):
        return "text"
    return None


def attachment_text(attachment: Attachment) -> str:
    """The readable text of one attachment ('' when it has none), at most ``MAX_CHARS``."""
    kind = _kind(attachment)
    if kind is None or attachment.data is None or attachment.too_large:
        return ""
    return READERS[kind](attachment.data).strip()[:MAX_CHARS]
