"""Console pages (signed-in only, else a redirect to the sign-in page) and the live
WebSocket that pushes the queue and the watched conversation's changes (no reloads)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiohttp import WSMsgType, web

from backend.api.console_session import agent_of, same_origin
from backend.api.keys import SETTINGS, UOWS
from backend.api.static_files import CSS, JS, JSON, static_files
from backend.domain.errors import AvisaError
from backend.domain.handoff_errors import NoSession
from backend.paths import pages
from backend.services.handoff import console
from backend.services.handoff.sessions import AgentContext

log = logging.getLogger(__name__)
PAGES = pages("console")
static = static_files(PAGES, {
    "console.css": CSS, "console.js": JS, "login.js": JS, "i18n.js": JS, "desk.js": JS,
    "attachments.js": JS, "i18n.json": JSON})
TICK: web.AppKey[float] = web.AppKey("console_tick")


async def page(request: web.Request) -> web.StreamResponse:
    try:
        await agent_of(request)
    except NoSession as exc:
        raise web.HTTPSeeOther("/console/login") from exc
    return web.FileResponse(PAGES / "index.html")


async def login_page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(PAGES / "login.html")


async def live(request: web.Request) -> web.StreamResponse:
    if not same_origin(request):
        raise web.HTTPForbidden(reason="cross-origin WebSocket refused")
    agent = await agent_of(request)  # 401 before the upgrade without a session
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    watched: list[str] = []
    pusher = asyncio.create_task(_push(request, ws, agent, watched))
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = msg.json() if msg.data.startswith("{") else {}
                watched[:] = [str(data["watch"])] if data.get("watch") else []
    finally:
        pusher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pusher
    return ws


async def _push(request: web.Request, ws: web.WebSocketResponse, agent: AgentContext,
                watched: list[str]) -> None:
    uows = request.app[UOWS]
    tick = request.app.get(TICK, 1.0)
    answer_within = request.app[SETTINGS].handoff.answer_minutes * 60
    last_queue: Any = None
    last_seen: dict[str, tuple[Any, ...]] = {}
    while not ws.closed:
        try:
            agent = await agent_of(request)  # the session may expire while connected
        except NoSession:
            await ws.send_json({"type": "signed_out"})
            await ws.close(code=4401, message=b"session expired")
            return
        try:
            snapshot = await console.queue(uows, agent, answer_within)
            items = snapshot["items"]
            if items != last_queue:
                await ws.send_json({"type": "queue", **snapshot})
                last_queue = items
            for cid in list(watched):
                mark = await console.fingerprint(uows, cid)
                if last_seen.get(cid) != mark:
                    last_seen[cid] = mark
                    await ws.send_json({"type": "conversation", "conversation_id": cid})
        except (AvisaError, ConnectionError, RuntimeError) as exc:
            log.info("console live: %s", exc)
        await asyncio.sleep(tick)


RAW = [
    ("GET", "/console", page), ("GET", "/console/", page),
    ("GET", "/console/login", login_page), ("GET", "/console/static/{name}", static),
    ("GET", "/console/ws", live),
]
