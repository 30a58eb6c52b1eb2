"""``POST /webhooks/rest/webhook``: Rasa's REST channel JSON, behind a bearer token."""

from __future__ import annotations

import hmac
import logging

from aiohttp import web

from channels.core.errors import BackendError, BackendRejected, InvalidInput
from channels.core.keys import PIPELINE
from channels.rest.parse import parse_body
from channels.web.portal import PORTAL, with_portal_user

log = logging.getLogger(__name__)
TOKEN = web.AppKey("rest_token", str)  # the bearer token API clients present


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


def _authorized(request: web.Request, expected: str | None) -> bool:
    if not expected:
        return False
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(presented.strip().encode(), expected.encode())


async def webhook(request: web.Request) -> web.Response:
    if not _authorized(request, request.app[TOKEN]):
        return _error(401, "unauthorized", "a valid bearer token is required")
    try:
        message = with_portal_user(parse_body(await request.read()), request.app.get(PORTAL))
        result = await request.app[PIPELINE].handle(message)
    except InvalidInput as exc:
        return _error(400, exc.code, exc.message)
    except BackendRejected as exc:
        if exc.status == 400:  # the backend found the input invalid
            return _error(400, "invalid_request", exc.message)
        log.error("backend refused the gateway: %s", exc)
        return _error(503, "unavailable", "the message could not be stored; try again")
    except BackendError as exc:
        log.error("could not store REST message: %s", exc)
        return _error(503, "unavailable", "the message could not be stored; try again")
    answer = [{"recipient_id": message.address, **reply.to_json()} for reply in result.replies]
    return web.json_response(answer)


def add_routes(app: web.Application, token: str | None) -> None:
    """No token (AVISA_TOKEN_REST unset): every request is refused."""
    app[TOKEN] = token or ""
    app.router.add_post("/webhooks/rest/webhook", webhook)
