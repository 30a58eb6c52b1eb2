"""The exception hierarchy of the backend core (one boundary: services → api).

    AvisaError                     every expected failure of a command
    ├── InvalidRequest             bad input (400 invalid_request)
    │   └── InvalidIncidentId      text that is no incident id
    ├── NotFound                   an id that does not exist (404 not_found)
    │   ├── UnknownCustomer        customer code not on file (404 unknown_customer)
    │   └── UnknownEquipment       equipment not this customer's (404 unknown_equipment)
    ├── NotVerified                conversation not verified (403 not_verified)
    ├── VerificationError
    │   ├── WrongCode              wrong one-time code (400 wrong_code, attempts_left)
    │   ├── CodeExpired            no code pending or past expiry (410 expired)
    │   ├── TooManyCodes           a one-time code limit reached (429, retry_after)
    │   ├── TooManyAttempts        wrong factors for a customer code or client (429)
    │   └── VerificationLocked     too many wrong codes (423 locked)
    ├── NoContactOnFile            nowhere to send a one-time code (409 no_contact)
    ├── InvalidTransition          state change not allowed (409 invalid_transition)
    └── Conflict                   concurrent update lost the race (409 conflict)

Exceptions carry a human message and, via `extra()`, any additional JSON fields.
Only `backend.api.errors` turns them into HTTP status codes.
"""

from __future__ import annotations

from typing import Any


class AvisaError(Exception):
    """Base class of every expected failure."""

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self._extra = extra

    def extra(self) -> dict[str, Any]:
        return dict(self._extra)


class InvalidRequest(AvisaError):
    pass


class InvalidIncidentId(InvalidRequest):
    pass


class NotFound(AvisaError):
    pass


class UnknownCustomer(NotFound):
    pass


class UnknownEquipment(NotFound):
    pass


class NotVerified(AvisaError):
    pass


class VerificationError(AvisaError):
    pass


class WrongCode(VerificationError):
    pass


class CodeExpired(VerificationError):
    pass


class TooManyCodes(VerificationError):
    """A one-time code limit is reached (backend/domain/otp_limits.py); ``retry_after``
    seconds until one may be sent."""


class TooManyAttempts(VerificationError):
    """Too many wrong second factors for the customer code typed or from the client
    (backend/domain/otp_limits.py ``failure_refusal``); ``retry_after`` seconds."""


class VerificationLocked(VerificationError):
    pass


class NoContactOnFile(AvisaError):
    pass


class InvalidTransition(AvisaError):
    pass


class Conflict(AvisaError):
    pass
