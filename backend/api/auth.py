"""Bearer-token authentication (401) and per-route role authorisation (403)."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from backend.api.errors import Forbidden, Unauthorized
from backend.api.keys import SETTINGS, UOWS
from backend.api.routing import PUBLIC, route_of
from backend.services.conversations.sessions import ensure_in_session

REQUEST_ROLE = web.RequestKey("avisa_role", str)  # the caller's role, for handlers


def role_for(token: str, tokens: Mapping[str, str]) -> str | None:
    """Compare against every configured token in constant time."""
    found = None
    for role, expected in tokens.items():
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            found = role
    return found


def bearer(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@web.middleware
async def auth_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    route = route_of(request)
    if route is not None and route.roles == PUBLIC:
        response: web.StreamResponse = await handler(request)
        return response
    token = bearer(request)
    if token is None:
        raise Unauthorized("missing bearer token (Authorization: Bearer <token>)")
    role = role_for(token, request.app[SETTINGS].tokens)
    if role is None:
        raise Unauthorized("invalid token")
    if route is not None and not route.allows(role):
        raise Forbidden(f"role '{role}' may not call {route.method} {route.path}", role=role)
    request[REQUEST_ROLE] = role
    if role == "actions" and "cid" in request.match_info:
        # the action server acts only on a conversation whose sender is talking now
        settings = request.app[SETTINGS]
        await ensure_in_session(request.app[UOWS], request.match_info["cid"],
                                settings.actions_session)
    response = await handler(request)
    return response
