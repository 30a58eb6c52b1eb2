"""Console authentication: the session cookie, CSRF header and origin checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from backend.api.keys import SETTINGS, UOWS
from backend.domain.handoff_errors import CsrfRefused
from backend.services.handoff.sessions import AgentContext, resolve

COOKIE = "avisa_console"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; connect-src 'self' ws: wss:; "
                                "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def same_origin(request: web.Request) -> bool:
    """Browsers send Origin on cross-site writes and WebSockets; it must be this host."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1].rstrip("/") == request.host


async def agent_of(request: web.Request, *, write: bool = False) -> AgentContext:
    """The signed-in agent; NoSession (401) without a valid session, CsrfRefused (403) on
    a write without the session's CSRF token or from another origin."""
    agent = await resolve(request.app[UOWS], request.app[SETTINGS].handoff,
                          request.cookies.get(COOKIE))
    if write:
        if not same_origin(request):
            raise CsrfRefused("cross-origin request refused")
        agent.check_csrf(request.headers.get(CSRF_HEADER))
    return agent


def set_cookie(request: web.Request, response: web.StreamResponse, secret: str) -> None:
    policy = request.app[SETTINGS].handoff
    response.set_cookie(COOKIE, secret, httponly=True, samesite="Strict", path="/console",
                        secure=policy.secure_cookie or request.secure
                        or not plain_loopback(request),
                        max_age=int(policy.session_ttl.total_seconds()))


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def plain_loopback(request: web.Request) -> bool:
    """Plain http on this machine (``make run``): the only case without a Secure cookie.
    Any other host name (a proxy in front, a LAN address) gets ``Secure``."""
    return not request.secure and (request.url.host or "") in LOOPBACK_HOSTS


def clear_cookie(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/console")


Page = Callable[[web.Request], Awaitable[web.StreamResponse]]


def secured(handler: Page) -> Page:
    async def run(request: web.Request) -> web.StreamResponse:
        response = await handler(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    run.__name__ = handler.__name__
    return run


def json(body: Any, status: int = 200) -> web.Response:
    return web.json_response(body, status=status, headers=SECURITY_HEADERS)
