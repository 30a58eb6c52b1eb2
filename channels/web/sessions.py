"""Widget sessions: a random id signed with HMAC-SHA256 (AVISA_SECRET).

Token format: ``<session_id>.<issued_at>.<signature>`` where the signature is
``HMAC-SHA256(secret, "web-session:<session_id>.<issued_at>")`` in url-safe base64.
Nobody can forge a token for a guessed id or alter the id of a real one without
the secret; a token older than the TTL is refused too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable

from aiohttp import web

from channels.core.errors import InvalidInput

_SESSION_ID = re.compile(r"^w-[A-Za-z0-9_-]{32}$")


class SessionSigner:
    def __init__(self, secret: str, ttl: int, clock: Callable[[], float] = time.time) -> None:
        if not secret:
            raise ValueError("a session secret is required")
        self._key = secret.encode("utf-8")
        self._ttl = ttl
        self._clock = clock

    def issue(self) -> str:
        """Create a new session and return its token."""
        session_id = "w-" + secrets.token_urlsafe(24)
        issued_at = str(int(self._clock()))
        return f"{session_id}.{issued_at}.{self._sign(session_id, issued_at)}"

    def verify(self, token: str) -> str:
        """Return the session id of a genuine, unexpired token.

        Raises ``InvalidInput("invalid_session", ...)`` otherwise.
        """
        parts = token.split(".")
        if len(parts) != 3 or not _SESSION_ID.match(parts[0]) or not parts[1].isdigit():
            raise _refused()
        session_id, issued_at, signature = parts
        expected = self._sign(session_id, issued_at)
        if not hmac.compare_digest(expected.encode(), signature.encode()):
            raise _refused()
        if self._clock() - int(issued_at) > self._ttl:
            raise _refused()
        return session_id

    def _sign(self, session_id: str, issued_at: str) -> str:
        message = f"web-session:{session_id}.{issued_at}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _refused() -> InvalidInput:
    return InvalidInput("invalid_session", "widget session token refused")


SIGNER = web.AppKey("signer", SessionSigner)
