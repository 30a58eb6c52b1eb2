"""``POST /webhooks/rest/webhook``: Rasa's REST channel JSON, behind a bearer token."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web

from channels.errors import BackendError, BackendRejected, InvalidInput
from channels.keys import PIPELINE, SETTINGS
from channels.models import InboundMessage

log = logging.getLogger(__name__)

CHANNEL = "rest"
MAX_SENDER = 128
MAX_PROVIDER_ID = 200


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


async def _parse(request: web.Request) -> InboundMessage:
    try:
        body = json.loads(await request.text())
    except ValueError:
        raise InvalidInput("invalid_request", "body must be JSON") from None
    if not isinstance(body, dict):
        raise InvalidInput("invalid_request", "body must be a JSON object")
    sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER:
        raise InvalidInput("invalid_request", "'sender' must be a non-empty string")
    if not isinstance(text, str):
        raise InvalidInput("invalid_request", "'message' must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise InvalidInput("invalid_request", "'metadata' must be an object")
    meta: dict[str, Any] = metadata or {}
    pid = meta.get("message_id")
    if pid is not None and (not isinstance(pid, str) or len(pid) > MAX_PROVIDER_ID):
        raise InvalidInput("invalid_request", "'metadata.message_id' must be a short string")
    return InboundMessage(
        CHANNEL,
        sender,
        text,
        provider_message_id=pid or None,
        metadata=meta,
    )


async def webhook(request: web.Request) -> web.Response:
    if not _authorized(request, request.app[SETTINGS].token_rest):
        return _error(401, "unauthorized", "a valid bearer token is required")
    try:
        message = await _parse(request)
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


def add_routes(app: web.Application) -> None:
    app.router.add_post("/webhooks/rest/webhook", webhook)
