"""The static files of the console, admin and reports pages: one handler per page folder,
serving only the files it lists (name → content type), anything else 404."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Handler

JS, CSS, JSON = "text/javascript", "text/css", "application/json"


def static_files(folder: Path, files: Mapping[str, str]) -> Handler:
    """A ``GET …/static/{name}`` handler for ``files`` in ``folder``."""
    allowed = dict(files)

    async def static(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in allowed:
            raise web.HTTPNotFound()
        return web.FileResponse(folder / name, headers={"Content-Type": allowed[name]})

    return static
