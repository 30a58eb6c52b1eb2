"""Content-Transfer-Encoding decoding that repairs instead of failing."""

from __future__ import annotations

import binascii
import quopri
import re

_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
_JUNK = re.compile(rb"[^A-Za-z0-9+/=\s]")
_RUN = re.compile(rb"[A-Za-z0-9+/]+=*")
_SPACE = re.compile(rb"\s+")
_TRAILING_PAD = re.compile(rb"={1,2}$")


def _decode_clean(cleaned: bytes) -> bytes:
    whole = len(cleaned) - len(cleaned) % 4
    rest = cleaned[whole:]
    body = cleaned[:whole] + (rest + b"=" * (4 - len(rest)) if len(rest) >= 2 else b"")
    try:
        return binascii.a2b_base64(body)
    except (binascii.Error, ValueError):
        return b""


def decode_base64(data: bytes) -> tuple[bytes, bool]:
    """Decode base64; returns ``(bytes, repaired)``.

    Clean input (only the alphabet, padding and line breaks) is decoded whole,
    with padding fixed. Input with junk is decoded line by line, keeping each
    line's leading run of base64 characters: the good lines survive garbage.
    """
    if _JUNK.search(data) is None:
        cleaned = _NOT_BASE64.sub(b"", data)
        return _decode_clean(cleaned), len(cleaned) % 4 == 1
    out = bytearray()
    for line in data.splitlines():
        run = _RUN.match(line.strip())
        if run is not None and len(run.group(0)) >= 4:
            out += _decode_clean(_NOT_BASE64.sub(b"", run.group(0)))
    return bytes(out), True


def base64_damage(data: bytes) -> float:
    """Share of a base64 body's characters that cannot be base64 (0.0 clean … 1.0 none).

    Whitespace does not count; ``=`` counts as padding only at the end of a line.
    """
    invalid = total = 0
    for line in data.splitlines():
        compact = _SPACE.sub(b"", line)
        body = _TRAILING_PAD.sub(b"", compact)
        total += len(compact)
        invalid += len(_NOT_BASE64.findall(body))
    return invalid / total if total else 0.0


def decode_quoted_printable(data: bytes) -> bytes:
    return quopri.decodestring(data)


def decode_transfer(data: bytes, encoding: str) -> tuple[bytes, bool]:
    """Decode ``data`` by its Content-Transfer-Encoding; unknown ones pass through."""
    cte = encoding.strip().lower()
    if cte == "base64":
        return decode_base64(data)
    if cte == "quoted-printable":
        return decode_quoted_printable(data), False
    return data, False


def estimated_size(data: bytes, encoding: str) -> int:
    """Decoded size without decoding (base64 is 3 bytes per 4 characters)."""
    if encoding.strip().lower() == "base64":
        return (len(data) - data.count(b"\n") - data.count(b"\r")) * 3 // 4
    return len(data)
