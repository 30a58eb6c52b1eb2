"""Reading a multipart whose boundary is missing or never used, only when that is safe.

Without a usable boundary the parts cannot be split, so their bodies run together.
One text part in plain 7/8-bit (the delimiter and header lines dropped) is still read
reliably; several parts, or a part that is not text or is transfer-encoded (an image in
base64, a body in quoted-printable), cannot be told apart or decoded: ``BrokenMime``.
"""

from __future__ import annotations

import re

from channels.email.errors import BrokenMime

_DELIMITER = re.compile(r"^--([^\s-][^\s]*?)(--)?$")
_HEADER = re.compile(r"^(content-[\w-]+|mime-version)\s*:\s*(.*)$", re.IGNORECASE)
_MIME_NOISE = re.compile(r"^(?:--\S*|content-[\w-]+:.*|mime-version:.*)$", re.IGNORECASE)
PLAIN_ENCODINGS = frozenset({"", "7bit", "8bit", "binary"})


def _part_headers(lines: list[str]) -> list[dict[str, str]]:
    """The header block after every opening delimiter of the first boundary seen."""
    token: str | None = None
    parts: list[dict[str, str]] = []
    for position, line in enumerate(lines):
        match = _DELIMITER.match(line.strip())
        if match is None or match.group(2):
            continue
        if token is None:
            token = match.group(1)
        if match.group(1) != token:
            continue
        headers: dict[str, str] = {}
        for following in lines[position + 1 :]:
            field = _HEADER.match(following.strip())
            if field is None:
                break
            headers[field.group(1).lower()] = field.group(2).strip().lower()
        parts.append(headers)
    return parts


def _readable(headers: dict[str, str]) -> bool:
    ctype = headers.get("content-type", "text/plain").split(";")[0].strip()
    encoding = headers.get("content-transfer-encoding", "")
    return ctype.startswith("text/") and encoding in PLAIN_ENCODINGS


def salvage_text(text: str) -> str:
    """Text of a boundary-less multipart body; raise ``BrokenMime`` when not reliable."""
    lines = text.split("\n")
    parts = _part_headers(lines)
    if len(parts) > 1 or not all(_readable(headers) for headers in parts):
        kinds = sorted({h.get("content-type", "text/plain").split(";")[0] for h in parts})
        raise BrokenMime(
            f"multipart without a usable boundary holding {len(parts)} part(s) ({', '.join(kinds)})"
        )
    return "\n".join(line for line in lines if not _MIME_NOISE.match(line.strip()))
