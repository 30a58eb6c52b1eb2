"""Threading of outbound replies: subject, In-Reply-To and References.

``Re:`` prefixes in any common language are collapsed to one, the incident id
is added once ("Re: printer jam [INC-00012]"), and References keeps the first
id of the thread plus the most recent ones (RFC 5322 §3.6.4).
"""

from __future__ import annotations

import re

from channels.email.model import ThreadHeaders

REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|ref|res|r|rv|fw|fwd|tr|enc|rif)\s*(?:\[\d+\])?\s*[:：]\s*)+",
    re.IGNORECASE,
)
INCIDENT_TAG = re.compile(r"\[\s*(INC-\d{5,})\s*\]", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
MAX_REFERENCES = 20
MAX_SUBJECT = 200


def one_line(text: str) -> str:
    """Header-safe text: no CR, LF or other control characters."""
    return " ".join(_UNSAFE.sub(" ", text).split())


def reply_subject(original: str, incident_id: str | None, fallback: str) -> str:
    base = one_line(REPLY_PREFIX.sub("", one_line(original)))[:MAX_SUBJECT] or fallback
    if incident_id:
        tag = incident_id.strip().upper()
        if tag.upper() not in {found.upper() for found in INCIDENT_TAG.findall(base)}:
            base = f"{base} [{one_line(tag)}]"
    return f"Re: {base}"


def incident_in_subject(subject: str) -> str | None:
    """The ``INC-…`` id a customer's subject carries, if any (normalised upper-case)."""
    found = INCIDENT_TAG.search(subject)
    return found.group(1).upper() if found else None


def references(thread: ThreadHeaders) -> tuple[str, ...]:
    chain = list(thread.references)
    if not chain and thread.in_reply_to:
        chain = [thread.in_reply_to]
    if thread.message_id and thread.message_id not in chain:
        chain.append(thread.message_id)
    if len(chain) > MAX_REFERENCES:
        chain = [chain[0], *chain[-(MAX_REFERENCES - 1) :]]
    return tuple(chain)
