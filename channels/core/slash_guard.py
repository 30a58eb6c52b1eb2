"""Slash guard: users never send Rasa intent commands, only offered buttons do."""

from __future__ import annotations

from collections.abc import Collection


def guard(text: str, offered_payloads: Collection[str]) -> str:
    """Return the text to forward to Rasa.

    A text starting with ``/`` passes unchanged only when it is exactly one of the
    button payloads the bot offered last; otherwise its leading slashes are
    stripped, so ``/restart`` typed by a person reaches Rasa as ``restart``.
    """
    candidate = text.strip()
    if not candidate.startswith("/"):
        return candidate
    if candidate in offered_payloads:
        return candidate
    return candidate.lstrip("/").strip()
