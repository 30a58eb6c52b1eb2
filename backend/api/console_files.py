"""An attachment's thumbnail and file for the console (session cookie, like every
/console/api route), served with the attachment store's safe headers: never inline HTML,
``nosniff``, a sandboxing Content-Security-Policy; a quarantined file answers 409 with
its reason."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from backend.api.console_session import agent_of
from backend.api.keys import SETTINGS, UOWS
from backend.api.routes_attachments import file_response, served, thumbnail_response
from backend.services.conversations.attachments.blobs import LocalBlobs

API = "/console/api/attachments/{aid}"
Respond = Callable[[bytes, str, str | None], web.Response]


async def _serve(request: web.Request, respond: Respond) -> web.StreamResponse:
    await agent_of(request)
    store = LocalBlobs(request.app[SETTINGS].attachments_dir)
    return respond(*await served(request.app[UOWS], store, request.match_info["aid"]))


async def thumbnail(request: web.Request) -> web.StreamResponse:
    return await _serve(request, thumbnail_response)


async def content(request: web.Request) -> web.StreamResponse:
    return await _serve(request, file_response)


RAW = [
    ("GET", API + "/thumbnail", thumbnail),
    ("GET", API + "/content", content),
]
