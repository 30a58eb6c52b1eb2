"""``POST /upload``: a file from the widget (drag and drop, the camera on a phone). The
widget's session token authorises it (``Authorization: Bearer …``, as the socket's first
frame does, with the same portal identity in ``X-Avisa-Identity``: the same
conversation); the file is read up to the cap, stored as a message of the widget's
conversation and handed to the backend's attachment store over HTTP (the gateway keeps
nothing). A photo goes to the bot (channels/core/photos.py): the answer carries its replies
(``replies``, buttons and all, e.g. "Is it the …?"), else the notice, in Spanish and
English (``text``)."""

from __future__ import annotations

import json

from aiohttp import web

from channels.core.attachments import IncomingFile, hand_over_files
from channels.core.errors import InvalidInput
from channels.core.keys import BACKEND, PIPELINE
from channels.core.models import BotMessage, InboundMessage
from channels.core.texts import TEXTS
from channels.web.portal import PORTAL_USER
from channels.web.routes import CORS
from channels.web.socket import visitor

UPLOAD_MAX: web.AppKey[int] = web.AppKey("upload_max_bytes", int)
IDENTITY_HEADER = "X-Avisa-Identity"  # the portal identity the socket's auth frame carries
UPLOAD_CORS = {**CORS,
               "Access-Control-Allow-Headers": f"Content-Type, Authorization, {IDENTITY_HEADER}"}


def _refused(status: int, code: str, text: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": text}, "text": text},
                             status=status, headers=UPLOAD_CORS)


async def _read_capped(request: web.Request, cap: int) -> bytes | None:
    """The body, or None as soon as it passes the cap (never read whole)."""
    if request.content_length is not None and request.content_length > cap:
        return None
    chunks, size = [], 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def upload(request: web.Request) -> web.Response:
    auth = request.headers.get("Authorization", "")
    try:
        claimed = json.loads(request.headers.get(IDENTITY_HEADER) or "null")
    except ValueError:
        claimed = None
    try:
        address, user = visitor(request.app, auth.removeprefix("Bearer ").strip(), claimed)
    except InvalidInput:
        return _refused(401, "invalid_session", TEXTS["bad_request"])
    data = await _read_capped(request, request.app[UPLOAD_MAX])
    if data is None:
        return _refused(413, "too_large", TEXTS["attachment_too_large"])
    if not data:
        return _refused(400, "empty", TEXTS["attachment_lost"])
    name = (request.query.get("name") or "").strip()[:200] or None
    kind = "photo" if request.content_type.startswith("image/") else "document"
    metadata = {PORTAL_USER: user} if user is not None else {}
    message = InboundMessage("web", address, f"[{kind}] {name}" if name else f"[{kind}]",
                             metadata=metadata)
    stored = await request.app[PIPELINE].accept(message)

    async def fetch() -> bytes:
        return data

    handed = await hand_over_files(request.app[BACKEND], stored.message_id,
                                   [IncomingFile(kind, fetch, name)])
    replies = await request.app[PIPELINE].respond_photo(
        message, stored, handed.photos[0]) if handed.photos else ()
    if not replies:  # the bot has nothing to say about it: the notice
        await request.app[PIPELINE].store_reply(stored.conversation_id, BotMessage(handed.notice))
    text = "\n\n".join(r.text for r in replies if r.text) or handed.notice
    return web.json_response({"message_id": stored.message_id, "text": text,
                              "replies": [r.to_json() for r in replies]},
                             status=201, headers=UPLOAD_CORS)


async def preflight(request: web.Request) -> web.Response:
    return web.Response(status=204, headers=UPLOAD_CORS)


def add_routes(app: web.Application, max_bytes: int) -> None:
    app[UPLOAD_MAX] = max_bytes
    app.router.add_post("/upload", upload)
    app.router.add_route("OPTIONS", "/upload", preflight)
