"""Failures of handoff and of the agent console (boundary: services → api).

    AvisaError
    ├── Conflict
    │   ├── AlreadyTaken       another agent took the conversation first (409 already_taken)
    │   └── NotHolder          the agent does not hold this handoff (409 not_holder)
    ├── NotFound
    │   └── UnknownAgent       no such agent account (404 unknown_agent)
    ├── InvalidRequest
    │   └── WeakPassword       password too short (400 weak_password)
    ├── SignInFailed           wrong user or password, or account locked (401 sign_in_failed)
    ├── NoSession              no valid agent session: missing or expired (401 no_session)
    ├── CsrfRefused            state-changing call without the session's CSRF token (403)
    ├── QueueForbidden         a conversation of a queue the agent is not in (403 not_your_queue)
    └── RasaUnavailable        the bot could not be resumed (502 rasa_unavailable)
"""

from __future__ import annotations

from backend.domain.errors import AvisaError, Conflict, InvalidRequest, NotFound


class AlreadyTaken(Conflict):
    pass


class NotHolder(Conflict):
    pass


class UnknownAgent(NotFound):
    pass


class WeakPassword(InvalidRequest):
    pass


class SignInFailed(AvisaError):
    pass


class SignInThrottled(SignInFailed):
    """Too many failed sign-ins from this address (for this username): wait
    ``retry_after`` seconds. Never a lock of the account itself."""


class NoSession(AvisaError):
    pass


class CsrfRefused(AvisaError):
    pass


class QueueForbidden(AvisaError):
    pass


class RasaUnavailable(AvisaError):
    pass
