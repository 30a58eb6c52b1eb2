"""Files for the attachment tests, built in memory: a real photo and the hostile set of
issue 20's acceptance 3."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image


def photo(color: tuple[int, int, int] = (200, 40, 40), size: tuple[int, int] = (640, 480),
          fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def huge_image(total: int = 50 * 1024 * 1024) -> bytes:
    """A JPEG header followed by 50 MB: over any cap."""
    head = photo(size=(16, 16))
    return head + b"\0" * (total - len(head))


HTML_AS_JPG = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
                   b'<script>alert(1)</script><circle r="4"/></svg>')
PDF_WITH_JS = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n"
               b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
               b"3 0 obj << /S /JavaScript /JS (app.alert('x');) >> endobj\n"
               b"trailer << /Root 1 0 R >>\n%%EOF\n")
PLAIN_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
             b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>"
             b"\n%%EOF\n")


def zip_bomb() -> bytes:
    """20 MB of zeros in a zip of some 20 kB: a ratio no document has."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("report.txt", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A small PNG whose header claims width × height pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b""))
