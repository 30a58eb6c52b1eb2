"""The widget's HTTP side: the chat page, the embeddable script, sessions."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from channels.core.errors import InvalidInput
from channels.core.jsonbody import decode
from channels.web.sessions import SIGNER
from channels.web.socket import websocket

STATIC = Path(__file__).parent / "static"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}
ASSETS = {
    "/widget.js": ("widget.js", "application/javascript"),
    "/widget.css": ("widget.css", "text/css"),
    "/widget-upload.js": ("widget-upload.js", "application/javascript"),
}


async def page(request: web.Request) -> web.Response:
    host = request.host
    csp = (
        "default-src 'self'; "
        f"connect-src 'self' ws://{host} wss://{host}; "
        "img-src 'self' https: data:; frame-ancestors 'none'; base-uri 'none'"
    )
    return web.Response(
        text=(STATIC / "index.html").read_text(encoding="utf-8"),
        content_type="text/html",
        headers={"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff"},
    )


async def asset(request: web.Request) -> web.Response:
    name, content_type = ASSETS[request.path]
    return web.Response(
        text=(STATIC / name).read_text(encoding="utf-8"),
        content_type=content_type,
        headers={
            "Access-Control-Allow-Origin": "*",
            "Cache-Control": "public, max-age=300",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def session(request: web.Request) -> web.Response:
    """Issue a widget session, or confirm the one the browser already holds."""
    signer = request.app[SIGNER]
    try:
        token = await _presented_token(request)
    except InvalidInput as exc:
        body = {"error": {"code": exc.code, "message": exc.message}}
        return web.json_response(body, status=400, headers=CORS)
    if token is not None:
        try:
            signer.verify(token)
            return web.json_response({"token": token}, headers=CORS)
        except InvalidInput:
            pass
    return web.json_response({"token": signer.issue()}, status=201, headers=CORS)


async def session_preflight(request: web.Request) -> web.Response:
    return web.Response(status=204, headers=CORS)


async def _presented_token(request: web.Request) -> str | None:
    if not request.can_read_body:
        return None
    raw = await request.read()
    if not raw.strip():
        return None
    body = decode(raw)  # not UTF-8 / not JSON / too deep: InvalidInput, a 400 in session()
    token = body.get("token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", page)
    for path in ASSETS:
        app.router.add_get(path, asset)
    app.router.add_post("/session", session)
    app.router.add_route("OPTIONS", "/session", session_preflight)
    app.router.add_get("/ws", websocket)
