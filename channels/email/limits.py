"""How much of a message the parser accepts; every bound is checked on purpose."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds for one inbound message.

    ``max_bytes``, ``max_header_lines``, ``max_header_bytes``, ``max_depth`` and
    ``max_parts`` are checked on the raw bytes before the MIME parser runs.
    An attachment above ``max_attachment_bytes`` is recorded as too large (its
    bytes stay in the raw message, see ``extract_attachment``) instead of decoded.
    A base64 text part with a larger share of non-base64 characters than
    ``max_base64_damage`` is not decoded (``BrokenMime``): repairs stay for light damage.
    """

    max_bytes: int = 40 * MIB
    max_header_lines: int = 500
    max_header_bytes: int = 256 * 1024
    max_depth: int = 12
    max_parts: int = 300
    max_attachment_bytes: int = 10 * MIB
    max_attachments: int = 50
    max_text_chars: int = 200_000
    max_bot_chars: int = 4000
    max_header_chars: int = 2000
    max_references: int = 50
    max_base64_damage: float = 0.5
