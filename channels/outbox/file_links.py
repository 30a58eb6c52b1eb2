"""``GET /files/{id}?expires=…&sig=…``: the signed, expiring link to a stored file that a
technician gets by SMS or e-mail (``channels/outbox/files.py``). The backend checks the
HMAC of the id and the expiry against its key and clock, and serves the bytes with its
safe headers (a type of its own only for sniffed images, PDF and text, else a download;
``nosniff``; a sandbox CSP), which are passed on. A forged, altered or expired link gets
403 with a plain bilingual text; nothing about the file is told."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from channels.core.errors import BackendError
from channels.core.keys import BACKEND
from channels.core.texts import TEXTS
from channels.outbox.files import BACKEND_FILES, PUBLIC_FILES

PASSED = ("content-type", "content-disposition", "x-content-type-options",
          "content-security-policy", "cache-control")
SAFE = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def _text(status: int, key: str) -> web.Response:
    return web.Response(status=status, text=TEXTS[key], headers=SAFE)


async def signed_file(request: web.Request) -> web.Response:
    path = BACKEND_FILES + quote(request.match_info["aid"], safe="")
    params = {k: request.query[k] for k in ("expires", "sig") if k in request.query}
    try:
        status, body, headers = await request.app[BACKEND].signed_file(path, params)
    except BackendError:
        return _text(503, "backend_down")
    if status == 200:
        return web.Response(body=body, headers={k: headers[k] for k in PASSED if k in headers})
    if status in (400, 403):  # no or malformed signature/expiry, forged, altered, expired
        return _text(403, "link_refused")
    return _text(404, "file_missing")


def add_routes(app: web.Application) -> None:
    app.router.add_get(PUBLIC_FILES + "{aid}", signed_file)
