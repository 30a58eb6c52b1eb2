"""Whether a file may be kept as served content, and how it may be shown.

`inspect_bytes` looks at the bytes only (sniffed type, script in a PDF, a zip that
inflates past reason); the pixel count of an image is checked by the service with Pillow
(`backend.services.conversations.attachments.images`). A file that fails is quarantined
with a reason: kept apart, never served. A file over the size cap is refused before it is
read whole.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from backend.domain.attachments.sniff import sniff

MAX_BYTES = 10 * 1024 * 1024  # default cap of one attachment (AVISA_ATTACHMENT_MAX_BYTES)
MAX_PIXELS = 40_000_000  # an image whose header claims more is a decompression bomb
MAX_INFLATED = 100 * 1024 * 1024  # a zip/gzip may not inflate past this…
MAX_RATIO = 100  # …nor compress better than this (text rarely beats 20:1)
MAX_ZIP_ENTRIES = 1000

# shown inline with their own type; everything else is downloaded as octet-stream
INLINE = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp",
                    "application/pdf", "text/plain"})
IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
FORBIDDEN = {  # MIME type → reason: never kept as served content
    "text/html": "html",
    "image/svg+xml": "svg",
    "application/xml": "markup",
    "application/x-msdownload": "executable",
    "application/x-executable": "executable",
}
PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


@dataclass(frozen=True)
class Verdict:
    mime: str
    reason: str | None = None  # None: may be stored and served
    detail: str = ""

    @property
    def quarantined(self) -> bool:
        return self.reason is not None


def inspect_bytes(data: bytes) -> Verdict:
    mime = sniff(data)
    if mime in FORBIDDEN:
        return Verdict(mime, FORBIDDEN[mime], f"{mime} is never served")
    if mime == "application/pdf" and PDF_ACTIVE.search(data):
        return Verdict(mime, "pdf_active", "the PDF carries JavaScript or embedded actions")
    if mime == "application/zip":
        return _zip(mime, data)
    if mime == "application/gzip":
        return _gzip(mime, data)
    return Verdict(mime)


def served_type(mime: str) -> tuple[str, str]:
    """(Content-Type, Content-Disposition kind) a stored file is served with."""
    return (mime, "inline") if mime in INLINE else ("application/octet-stream", "attachment")


def _zip(mime: str, data: bytes) -> Verdict:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return Verdict(mime, "unreadable", f"zip: {exc}")
    inflated = sum(i.file_size for i in infos)
    if len(infos) > MAX_ZIP_ENTRIES or inflated > MAX_INFLATED \
            or inflated > MAX_RATIO * max(len(data), 1) \
            or any(i.filename.lower().endswith((".zip", ".gz")) for i in infos):
        return Verdict(mime, "zip_bomb",
                       f"{len(infos)} entries inflating to {inflated} bytes from {len(data)}")
    return Verdict(mime)


def _gzip(mime: str, data: bytes) -> Verdict:
    limit = min(MAX_INFLATED, MAX_RATIO * len(data))
    try:
        out = zlib.decompressobj(wbits=31).decompress(data, limit + 1)
    except zlib.error as exc:
        return Verdict(mime, "unreadable", f"gzip: {exc}")
    if len(out) > limit:
        return Verdict(mime, "zip_bomb", f"inflates past {limit} bytes from {len(data)}")
    return Verdict(mime)
