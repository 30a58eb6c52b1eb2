"""Signed, expiring links to one attachment (for technicians by SMS or e-mail): an HMAC of
the attachment id and the expiry instant, checked against the product clock."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

LINK_TTL = timedelta(hours=72)


def signature(key: bytes, attachment_id: str, expires: int) -> str:
    message = f"{attachment_id}:{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def link(key: bytes, attachment_id: str, now: datetime,
         ttl: timedelta = LINK_TTL) -> tuple[str, datetime]:
    """The path (under the backend's /api) and when it stops working."""
    until = now + ttl
    expires = int(until.timestamp())
    sig = signature(key, attachment_id, expires)
    return f"/api/files/{attachment_id}?expires={expires}&sig={sig}", until


def valid(key: bytes, attachment_id: str, expires: int, sig: str, now: datetime) -> bool:
    if now.timestamp() > expires:
        return False
    return hmac.compare_digest(signature(key, attachment_id, expires), sig)
