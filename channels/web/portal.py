"""Signed identity of a customer logged in to the company's own portal (docs/channels.md).

The portal's server computes ``signature = hex(HMAC-SHA256(secret, message))`` where
``message`` is the user id, or ``"<user_id>:<expires>"`` with an expiry (Unix seconds),
and the secret is the site's ``AVISA_PORTAL_SECRET`` (configuration, never in the page's
code). The page hands ``{user_id, expires?, signature}`` to the widget, the widget to the
gateway, and the gateway tells the backend (``metadata.portal_user``) who is writing only
when the signature is genuine and not expired. Anything else is treated as anonymous and
logged without the claimed user id.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from aiohttp import web

from channels.core.models import InboundMessage

log = logging.getLogger(__name__)

PORTAL_USER = "portal_user"  # the metadata key the backend reads; only the gateway sets it
MAX_USER_ID = 200
MAX_SIGNATURE = 128


def portal_signature(secret: str, user_id: str, expires: int | None = None) -> str:
    """What the portal computes (and the gateway recomputes) for ``user_id``."""
    message = user_id if expires is None else f"{user_id}:{expires}"
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class PortalVerifier:
    """Checks a signed identity with the site's secret against the product clock."""

    def __init__(self, secret: str | None, clock: Callable[[], datetime]) -> None:
        self._secret = secret or None
        self._clock = clock

    def user(self, claimed: object) -> str | None:
        """The user id of a genuine, unexpired identity; None (and a log line) otherwise."""
        if claimed is None:
            return None
        reason, user_id = self._check(claimed)
        if reason is not None:
            log.warning("portal identity refused (%s): treated as anonymous", reason)
            return None
        return user_id

    def _check(self, claimed: object) -> tuple[str | None, str | None]:
        if self._secret is None:
            return "no AVISA_PORTAL_SECRET configured", None
        if not isinstance(claimed, dict):
            return "not an object", None
        user_id, expires, signature = (claimed.get(k) for k in ("user_id", "expires", "signature"))
        if not isinstance(user_id, str) or not 0 < len(user_id.strip()) <= MAX_USER_ID:
            return "no user id", None
        if not isinstance(signature, str) or len(signature) > MAX_SIGNATURE:
            return "no signature", None
        if expires is not None and (isinstance(expires, bool) or not isinstance(expires, int)):
            return "expires is not a whole number of seconds", None
        expected = portal_signature(self._secret, user_id, expires)
        if not hmac.compare_digest(expected.encode(), signature.strip().lower().encode()):
            return "bad signature", None
        if expires is not None and expires <= self._clock().timestamp():
            return "expired", None
        return None, user_id.strip()


def with_portal_user(message: InboundMessage, verifier: PortalVerifier | None) -> InboundMessage:
    """A REST client's message with its ``metadata.identity`` checked: ``portal_user`` set
    when genuine, and never taken as the client wrote it."""
    metadata = dict(message.metadata)
    claimed = metadata.pop("identity", None)
    metadata.pop(PORTAL_USER, None)
    user = verifier.user(claimed) if verifier is not None else None
    if user is not None:
        metadata[PORTAL_USER] = user
    return replace(message, metadata=metadata)


PORTAL = web.AppKey("portal", PortalVerifier)
