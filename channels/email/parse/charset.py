"""Bytes to text that never fails: declared charset → UTF-8 → cp1252 → latin-1.

Declared names are cleaned and mapped through ``ALIASES`` (labels mail clients
really send that Python does not know, or supersets worth using). A message
declared as ASCII or Latin-1 whose bytes are valid UTF-8 is read as UTF-8:
mis-declared UTF-8 is far more common than Latin-1 that happens to be valid UTF-8.
"""

from __future__ import annotations

import codecs
import re
from types import MappingProxyType

ALIASES = MappingProxyType(
    {
        "utf8": "utf-8",
        "unicode-1-1-utf-8": "utf-8",
        "x-unknown": "",
        "unknown": "",
        "unknown-8bit": "",
        "x-user-defined": "",
        "default": "",
        "us-ascii": "ascii",
        "ansi_x3.4-1968": "ascii",
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "iso8859-1": "cp1252",
        "windows-1252": "cp1252",
        "iso-8859-8-i": "iso-8859-8",
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "ks_c_5601-1987": "cp949",
        "euc-kr": "cp949",
        "shift-jis": "cp932",
        "shift_jis": "cp932",
        "x-sjis": "cp932",
        "tis-620": "cp874",
        "x-mac-roman": "mac-roman",
        "macintosh": "mac-roman",
    }
)
# Declarations that say little about the bytes: valid UTF-8 wins over them.
WEAK = frozenset({"", "ascii", "cp1252", "iso8859-15"})
_CLEAN = re.compile(r"[^a-z0-9_.:\-]")


def normalise(declared: str | None) -> str:
    """A Python codec name for ``declared``, or ``""`` when unknown or unusable."""
    if not declared:
        return ""
    name = _CLEAN.sub("", declared.strip().strip("\"'").lower())[:40]
    name = ALIASES.get(name, name)
    if not name:
        return ""
    try:
        info = codecs.lookup(name)
        "".encode(info.name)  # rejects bytes-to-bytes codecs such as base64 or rot13
    except (LookupError, ValueError, TypeError):
        return ""
    return info.name


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, str, bool]:
    """Return ``(text, codec_used, declared_was_wrong)``; never raises."""
    name = normalise(declared)
    candidates = [name] if name and name not in WEAK else []
    candidates += ["utf-8", name or "cp1252"]
    for codec in candidates:
        if not codec:
            continue
        try:
            text = data.decode(codec)
        except (UnicodeError, LookupError, ValueError, TypeError):
            continue
        return text, codec, bool(declared) and codec != name and not data.isascii()
    if _mostly_utf8(data):
        return data.decode("utf-8", "replace"), "utf-8", True
    return data.decode("cp1252", "replace"), "cp1252", True


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (garbage, truncation) rather than a legacy charset."""
    valid = len(_UTF8_SEQUENCE.findall(data))
    return valid > 0 and valid >= data.decode("utf-8", "replace").count("\ufffd")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """Drop NULs, control and bidi-override characters; normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
