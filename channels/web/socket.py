"""``GET /ws``: the widget's WebSocket, one per browser tab. Its first frame carries the
session token (``{"type": "auth", "token": …}``): a token in the URL would be written to
the access log of every proxy in front of the gateway. A genuine portal identity in that
frame (channels/web/portal.py) makes the socket speak for that portal user, on an address
of its own: the same browser logged out, or logged in as someone else, is another
conversation."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import replace

from aiohttp import WSMsgType, web

from channels.core.errors import BackendError, BackendRejected, InvalidInput
from channels.core.keys import PIPELINE
from channels.core.pipeline import MAX_TEXT
from channels.core.ratelimit import LIMITER
from channels.core.texts import TEXTS
from channels.web.hub import HUB
from channels.web.parse import parse_auth, parse_client_event
from channels.web.portal import PORTAL, PORTAL_USER
from channels.web.render import bot_event, error_event
from channels.web.sessions import SIGNER

log = logging.getLogger(__name__)

HEARTBEAT = 25.0
UNAVAILABLE = InvalidInput("unavailable", TEXTS["backend_down"])  # the widget retries these
REFUSED = InvalidInput("bad_request", TEXTS["bad_request"])
RATE_LIMITED = InvalidInput("rate_limited", TEXTS["rate_limited"])
MAX_FRAME = 4 * MAX_TEXT + 1024
AUTH_TIMEOUT = 10.0  # seconds a new socket has to send its token
UNAUTHORISED = 4401  # close code: the widget asks for a new session


async def _authenticate(
    app: web.Application, ws: web.WebSocketResponse
) -> tuple[str, str | None] | None:
    """The widget address of the token in the first frame and the portal user it speaks for
    (None: anonymous); None (socket closed) if that frame is late, not an auth frame, or
    carries a token this gateway did not sign."""
    try:
        async with asyncio.timeout(AUTH_TIMEOUT):
            frame = await ws.receive()
        if frame.type != WSMsgType.TEXT:
            raise InvalidInput("bad_request", TEXTS["bad_request"])
        token, claimed = parse_auth(frame.data)
        return visitor(app, token, claimed)
    except (TimeoutError, InvalidInput):
        await ws.close(code=UNAUTHORISED, message=b"invalid widget session")
        return None


def visitor(app: web.Application, token: str, claimed: object) -> tuple[str, str | None]:
    """The widget address of a session token (InvalidInput unless this gateway signed it)
    and the portal user a genuine claimed identity names (None: anonymous); a portal user
    speaks on an address of its own. The socket and the upload route both use it."""
    address: str = app[SIGNER].verify(token)
    verifier = app.get(PORTAL)
    user = verifier.user(claimed) if verifier is not None else None
    if user is None:
        return address, None
    return f"{address}-u{hashlib.sha256(user.encode()).hexdigest()[:20]}", user


async def websocket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_FRAME)
    await ws.prepare(request)
    visitor = await _authenticate(request.app, ws)
    if visitor is None:
        return ws
    address, user = visitor
    hub = request.app[HUB]
    hub.add(address, ws)
    try:
        await ws.send_json({"type": "ready"})
        limiter = request.app.get(LIMITER)
        client = limiter.client(request) if limiter else ""
        async for frame in ws:
            if frame.type == WSMsgType.TEXT:
                if limiter is not None and limiter.messages.take(client):
                    await ws.send_json(error_event(RATE_LIMITED))  # per client, not tab
                    continue
                await _handle_frame(request.app, ws, address, frame.data, user)
            elif frame.type == WSMsgType.ERROR:
                log.info("widget socket error for %s: %s", address, ws.exception())
    except ConnectionError as exc:  # the browser went away mid-answer
        log.info("widget socket of %s closed: %s", address, exc)
    finally:
        hub.remove(address, ws)
    return ws


async def _handle_frame(
    app: web.Application, ws: web.WebSocketResponse, address: str, raw: str,
    user: str | None = None,
) -> None:
    hub = app[HUB]
    try:
        message = parse_client_event(raw, address)
    except InvalidInput as exc:
        await ws.send_json(error_event(exc))
        return
    if user is not None:
        message = replace(message, metadata={**message.metadata, PORTAL_USER: user})
    client_id = _client_id(message.provider_message_id)
    await hub.send(address, {"type": "typing"})
    try:
        result = await app[PIPELINE].handle(message)
    except InvalidInput as exc:
        await ws.send_json(error_event(exc, client_id))
        return
    except BackendRejected as exc:
        log.warning("backend refused widget message of %s: %s", address, exc)
        await ws.send_json(error_event(REFUSED, client_id))
        return
    except BackendError as exc:
        log.error("could not store widget message of %s: %s", address, exc)
        await ws.send_json(error_event(UNAVAILABLE, client_id))
        return
    if client_id is not None:
        await ws.send_json({"type": "ack", "id": client_id})
    for reply in result.replies:
        await hub.send(address, bot_event(reply))
    if not result.replies:
        await hub.send(address, {"type": "idle"})


def _client_id(provider_message_id: str | None) -> str | None:
    if provider_message_id is None:
        return None
    return provider_message_id.split(":", 1)[1]
