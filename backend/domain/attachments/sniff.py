"""The type of a file read from its first bytes (magic numbers), never from its name.

``sniff`` answers a MIME type; markup (HTML, SVG, XML) is recognised so that it can be
refused, and anything unrecognised is ``application/octet-stream``.
"""

from __future__ import annotations

# (offset, magic bytes, MIME type); the first that matches wins
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"PK\x03\x04", "application/zip"),
    (0, b"PK\x05\x06", "application/zip"),
    (0, b"\x1f\x8b", "application/gzip"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
    (0, b"MZ", "application/x-msdownload"),
    (0, b"\x7fELF", "application/x-executable"),
)
RIFF_KINDS = {b"WEBP": "image/webp", b"WAVE": "audio/wav"}
FTYP_KINDS = {b"heic": "image/heic", b"heix": "image/heic", b"mif1": "image/heic",
              b"M4A ": "audio/mp4", b"qt  ": "video/quicktime"}
MARKUP = ((b"<svg", "image/svg+xml"), (b"<!doctype html", "text/html"),
          (b"<html", "text/html"), (b"<head", "text/html"),
          (b"<body", "text/html"), (b"<script", "text/html"), (b"<iframe", "text/html"))
TEXT_PROBE = 4096


def sniff(data: bytes) -> str:
    """The MIME type the bytes are, whatever the file's name says."""
    for offset, magic, mime in MAGIC:
        if data[offset:offset + len(magic)] == magic:
            return mime
    if data[:4] == b"RIFF" and data[8:12] in RIFF_KINDS:
        return RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return FTYP_KINDS.get(data[8:12], "video/mp4")
    markup = _markup(data)
    if markup is not None:
        return markup
    return "text/plain" if _is_text(data[:TEXT_PROBE]) else "application/octet-stream"


def _markup(data: bytes) -> str | None:
    """HTML or SVG anywhere in the first bytes (browsers sniff that far), XML otherwise."""
    head = data[:TEXT_PROBE].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for marker, mime in MARKUP:
        if marker in head:
            return mime
    return "application/xml" if head.startswith(b"<?xml") else None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut at the probe's end is still text
        return exc.start >= len(head) - 3
    return True
