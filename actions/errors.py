"""Errors of the backend client (the action server's only boundary).

Hierarchy (every exception :mod:`actions.backend` raises)::

    BackendError                 anything that went wrong talking to the backend
    ├── Unavailable              connection refused, timeout, 5xx, body not JSON
    ├── Unauthorized             401/403 about the token: a configuration problem
    ├── InvalidRequest           400 invalid_request (the action sent bad data)
    ├── NotVerified              403 not_verified: the conversation is not verified
    ├── NotFound                 404 not_found / unknown_customer / unknown_equipment
    ├── Locked                   423 locked: verification locked for this conversation
    ├── WrongCode                400 wrong_code; ``attempts_left`` says how many remain
    ├── Expired                  410 expired: no valid one-time code pending
    ├── TooManyCodes             429 too_many_codes; ``retry_after`` seconds
    │   └── TooManyAttempts      429 too_many_attempts: wrong factors for that customer
    └── InvalidTransition        409 invalid_transition (e.g. cancelling a closed incident)

``BackendError.code`` is the backend's snake_case error code ("" when there is none).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class BackendError(Exception):
    """Base class: the backend could not do what the action asked."""

    def __init__(self, message: str = "", code: str = "", status: int | None = None) -> None:
        super().__init__(message or code or "backend error")
        self.code = code
        self.status = status


class Unavailable(BackendError):
    """The backend cannot be reached or answered with a server error."""


class Unauthorized(BackendError):
    """The actions token is missing, wrong, or of a role not allowed."""


class InvalidRequest(BackendError):
    """The backend rejected the request as malformed."""


class NotVerified(BackendError):
    """The conversation has not been verified yet."""


class NotFound(BackendError):
    """Unknown id, or not the customer's own."""


class Locked(BackendError):
    """Verification is locked for this conversation."""


class Expired(BackendError):
    """The one-time code expired, or none is pending."""


class InvalidTransition(BackendError):
    """The incident cannot change to the requested state."""


class WrongCode(BackendError):
    """The one-time code was wrong; ``attempts_left`` more are allowed."""

    def __init__(self, message: str = "", code: str = "wrong_code",
                 status: int | None = 400, attempts_left: int = 0) -> None:
        super().__init__(message, code, status)
        self.attempts_left = attempts_left


class TooManyCodes(BackendError):
    """No more one-time codes for now (a limit per customer, contact or sender);
    ``retry_after`` seconds until one may be sent."""

    def __init__(self, message: str = "", code: str = "too_many_codes",
                 status: int | None = 429, retry_after: int = 0) -> None:
        super().__init__(message, code, status)
        self.retry_after = retry_after


class TooManyAttempts(TooManyCodes):
    """Checks of second factors for that customer code (or from this client) are paused
    after too many wrong ones; ``retry_after`` seconds."""


_BY_CODE: dict[str, type[BackendError]] = {
    "not_verified": NotVerified,
    "not_found": NotFound,
    "unknown_customer": NotFound,
    "unknown_equipment": NotFound,
    "locked": Locked,
    "expired": Expired,
    "invalid_transition": InvalidTransition,
    "invalid_request": InvalidRequest,
}

_BY_STATUS: dict[int, type[BackendError]] = {
    400: InvalidRequest,
    401: Unauthorized,
    403: Unauthorized,
    404: NotFound,
    409: InvalidTransition,
    410: Expired,
    423: Locked,
}


def error_from_response(status: int, body: Mapping[str, Any]) -> BackendError:
    """Turn an error response (``{"error": {"code", "message", ...}}``) into an exception."""
    error = body.get("error") if isinstance(body.get("error"), Mapping) else {}
    code = str(error.get("code", "")) if error else ""
    message = str(error.get("message", "")) if error else ""
    if code == "wrong_code":
        attempts = error.get("attempts_left", 0) if error else 0
        return WrongCode(message, code, status, int(attempts or 0))
    if code in ("too_many_codes", "too_many_attempts"):
        wait = error.get("retry_after", 0) if error else 0
        paused = TooManyAttempts if code == "too_many_attempts" else TooManyCodes
        return paused(message, code, status, int(wait or 0))
    if status >= 500:
        return Unavailable(message, code, status)
    cls = _BY_CODE.get(code) or _BY_STATUS.get(status, BackendError)
    return cls(message, code, status)
