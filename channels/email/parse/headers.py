"""Header values to clean text: RFC 2047 words, raw 8-bit, addresses, ids, dates.

Encoded words are decoded here (not by ``email.header``) so that unknown or
lying charsets go through the same fallback chain as bodies, and adjacent words
of one charset are joined before decoding (clients split UTF-8 characters).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime

from channels.email.model import Address
from channels.email.parse.charset import clean_text, decode_bytes
from channels.email.parse.transfer import decode_base64, decode_quoted_printable

_WORD = re.compile(r"=\?([^?\s]{1,60})\?([bBqQ])\?([^?\s]*)\?=")
_GAP = re.compile(r"[ \t]*")
_FOLD = re.compile(r"\r?\n[ \t]*")
_SPACES = re.compile(r"[ \t]+")
_MSG_ID = re.compile(r"<([^<>\s]{1,250})>")
_ADDR = re.compile(r"[\w.!#$%&'*+/=?^`{|}~\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63})+")
_BAD_ADDR = re.compile(r"[\s<>()\[\]\\,;:\"]")


def to_bytes(value: str) -> bytes:
    """The original bytes of a header value read with ``surrogateescape``."""
    return value.encode("utf-8", "surrogateescape")


def _raw_text(value: str) -> str:
    if value.isascii():
        return value
    return decode_bytes(to_bytes(value), None)[0]


def _word_bytes(encoding: str, text: str) -> bytes:
    data = text.encode("ascii", "replace")
    if encoding in "bB":
        return decode_base64(data)[0]
    return decode_quoted_printable(data.replace(b"_", b" "))


def decode_words(text: str) -> str:
    """Decode every RFC 2047 encoded word in ``text``; broken ones stay literal."""
    out: list[str] = []
    pending: tuple[str, bytearray] | None = None
    pos = 0
    for match in _WORD.finditer(text):
        between = text[pos : match.start()]
        charset = match.group(1).split("*", 1)[0]
        data = _word_bytes(match.group(2), match.group(3))
        if pending and _GAP.fullmatch(between) and pending[0] == charset.lower():
            pending[1].extend(data)
        else:
            if pending:
                out.append(decode_bytes(bytes(pending[1]), pending[0])[0])
            if not (pending and _GAP.fullmatch(between)):
                out.append(between)
            pending = (charset.lower(), bytearray(data))
        pos = match.end()
    if pending:
        out.append(decode_bytes(bytes(pending[1]), pending[0])[0])
    out.append(text[pos:])
    return "".join(out)


def decode_value(value: str, max_chars: int = 2000) -> str:
    """One header value as a single clean line of at most ``max_chars``."""
    text = _FOLD.sub(" ", _raw_text(value))
    text = clean_text(decode_words(text)).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()[:max_chars]


def _valid(address: str) -> str | None:
    address = address.strip()
    if "@" not in address or len(address) > 254 or _BAD_ADDR.search(address):
        return None
    local, domain = address.rsplit("@", 1)
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return None
    return f"{local}@{domain}".lower()


def addresses(value: str) -> tuple[Address, ...]:
    """Every valid mailbox in an address header; display names decoded."""
    unfolded = _FOLD.sub(" ", _raw_text(value))
    found: list[Address] = []
    for name, addr in getaddresses([unfolded]):
        valid = _valid(addr)
        if valid:
            found.append(Address(valid, decode_value(name, 200).strip("\"' ")))
    if not found:
        for match in _ADDR.finditer(decode_value(unfolded)):
            valid = _valid(match.group(0))
            if valid:
                found.append(Address(valid))
    return tuple(found)


def msg_ids(value: str, limit: int = 50) -> tuple[str, ...]:
    """Message ids in ``<…>`` form; a bare id with ``@`` is accepted as well."""
    ids = [f"<{found}>" for found in _MSG_ID.findall(value)]
    if not ids:
        bare = value.strip()
        if "@" in bare and not _BAD_ADDR.search(bare) and len(bare) <= 250:
            ids = [f"<{bare}>"]
    if len(ids) <= limit:
        return tuple(ids)
    return (ids[0], *ids[len(ids) - limit + 1 :])


def parse_date(value: str) -> datetime | None:
    """An aware datetime (UTC when the zone is unknown), or ``None``."""
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
