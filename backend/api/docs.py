"""The API reference page at ``/api/docs``: Swagger UI (vendored from npm, Apache-2.0, see
static/swagger-ui/VENDORED.md) over ``/api/openapi.json``. No CDN: every file is served here."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from backend.api.routing import PUBLIC, Call, Route

STATIC = Path(__file__).parent / "static"
FILES = {
    "swagger-ui-bundle.js": (
        STATIC / "swagger-ui" / "swagger-ui-bundle.js", "application/javascript"
    ),
    "swagger-ui.css": (STATIC / "swagger-ui" / "swagger-ui.css", "text/css"),
    "docs.js": (STATIC / "docs.js", "application/javascript"),
}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; frame-ancestors 'none'")


async def docs_page(call: Call) -> web.Response:
    return web.Response(body=(STATIC / "docs.html").read_bytes(), content_type="text/html",
                        charset="utf-8", headers={"Content-Security-Policy": CSP})


async def docs_asset(call: Call) -> web.Response:
    found = FILES.get(call.param("file"))
    if found is None:
        raise web.HTTPNotFound()
    path, content_type = found
    return web.Response(body=path.read_bytes(), content_type=content_type,
                        headers={"Cache-Control": "public, max-age=3600",
                                 "X-Content-Type-Options": "nosniff"})


ROUTES = [
    Route("GET", "/api/docs", docs_page, PUBLIC, "This API's reference page (Swagger UI)",
          "meta", response={"type": "string"}, content_type="text/html"),
    Route("GET", "/api/docs/{file}", docs_asset, PUBLIC, "Files of the reference page", "meta",
          response={"type": "string"}, content_type="application/javascript"),
]
