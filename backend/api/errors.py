"""The only place where failures become HTTP status codes: one table, one middleware."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from backend.domain import billing as bill
from backend.domain import errors as e
from backend.domain import handoff_errors as ho
from backend.domain.attachments import errors as att
from backend.services.billing import errors as be
from backend.services.dedupe import errors as d

log = logging.getLogger(__name__)


class Unauthorized(e.AvisaError):
    """No bearer token, or one that matches no client."""


class Forbidden(e.AvisaError):
    """A valid token of a role this route does not allow."""


# exception class → (HTTP status, error code); the most specific class in the MRO wins.
ERRORS: dict[type[Exception], tuple[int, str]] = {
    e.AvisaError: (400, "error"),
    e.InvalidRequest: (400, "invalid_request"),
    e.NotFound: (404, "not_found"),
    e.UnknownCustomer: (404, "unknown_customer"),
    e.UnknownEquipment: (404, "unknown_equipment"),
    e.NotVerified: (403, "not_verified"),
    e.WrongCode: (400, "wrong_code"),
    e.CodeExpired: (410, "expired"),
    e.VerificationLocked: (423, "locked"),
    e.TooManyCodes: (429, "too_many_codes"),
    e.TooManyAttempts: (429, "too_many_attempts"),
    e.NoContactOnFile: (409, "no_contact"),
    e.InvalidTransition: (409, "invalid_transition"),
    e.Conflict: (409, "conflict"),
    d.UnknownPendingReport: (404, "unknown_pending_report"),
    d.PendingReportExpired: (410, "pending_expired"),
    d.MergeRefused: (409, "merge_refused"),
    d.UndoRefused: (409, "undo_refused"),
    bill.PriceNotFound: (400, "price_not_found"),
    bill.InvalidPeriod: (400, "invalid_period"),
    be.NoPriceList: (409, "no_price_list"),
    be.ConsentRequired: (409, "consent_required"),
    ho.AlreadyTaken: (409, "already_taken"),
    ho.NotHolder: (409, "not_holder"),
    ho.UnknownAgent: (404, "unknown_agent"),
    ho.WeakPassword: (400, "weak_password"),
    ho.SignInFailed: (401, "sign_in_failed"),
    ho.SignInThrottled: (429, "sign_in_throttled"),
    ho.NoSession: (401, "no_session"),
    ho.CsrfRefused: (403, "csrf_refused"),
    ho.QueueForbidden: (403, "not_your_queue"),
    ho.RasaUnavailable: (502, "rasa_unavailable"),
    att.AttachmentTooLarge: (413, "too_large"),
    att.AttachmentQuarantined: (409, "quarantined"),
    att.LinkRefused: (403, "link_refused"),
    Unauthorized: (401, "unauthorized"),
    Forbidden: (403, "forbidden"),
}

HTTP_CODES: dict[int, str] = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def status_and_code(exc: e.AvisaError) -> tuple[int, str]:
    for cls in type(exc).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    raise LookupError(type(exc))  # pragma: no cover - AvisaError is always in the table


def error_response(status: int, code: str, message: str, **extra: Any) -> web.Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    body = {"error": {"code": code, "message": message, **extra}}
    return web.json_response(body, status=status, headers=headers)


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except e.AvisaError as exc:
        status, code = status_and_code(exc)
        return error_response(status, code, exc.message, **exc.extra())
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = HTTP_CODES.get(exc.status, "http_error")
        return error_response(exc.status, code, exc.reason)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal_error", "internal error; it has been logged")
