"""The agent console's JSON API under /console/api (session cookie + CSRF header).

Every route but sign-in answers 401 ``no_session`` without a valid agent session; writes
also need the session's ``X-CSRF-Token``. Pages and the live WebSocket: console_live.py.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.adapters.rasa import BotResumer
from backend.api import console_files, console_live, console_tools
from backend.api.console_session import (
    agent_of,
    clear_cookie,
    json,
    same_origin,
    secured,
    set_cookie,
)
from backend.api.keys import RASA, SETTINGS, UOWS
from backend.api.login_guard import guard_of
from backend.api.routing import PUBLIC, ROUTE_TABLE, Call, Route
from backend.api.validation import Schema, read_body, row_id
from backend.domain.handoff_errors import CsrfRefused, SignInFailed
from backend.services.handoff import console, console_actions
from backend.services.handoff import sessions as agents_sessions
from backend.services.handoff import take as handoff_take

RESUMER: web.AppKey[BotResumer] = web.AppKey("handoff_resumer")
API = "/console/api"
H = API + "/handoffs/{hid}"
TEXT: Schema = {"type": "object", "required": ["text"],
                "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 4000}}}
LOGIN: Schema = {"type": "object", "required": ["username", "password"],
                 "properties": {"username": {"type": "string", "maxLength": 40},
                                "password": {"type": "string", "maxLength": 200}}}
OBJECT: Schema = {"type": "object"}
SPLIT: Schema = {"type": "object", "properties": {"reports": {
    "type": ["array", "null"], "maxItems": 500,
    "items": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}}}}


async def _body(request: web.Request, schema: Schema = OBJECT) -> dict[str, Any]:
    return await read_body(request, schema)


def _hid(request: web.Request) -> int:
    value = row_id(request.match_info["hid"])
    if value is None:
        raise web.HTTPNotFound()
    return value


def resumer(app: web.Application) -> BotResumer:
    return app[RESUMER]


async def login(request: web.Request) -> web.StreamResponse:
    """Sign in: same-origin JSON only (a cross-site form or fetch cannot send it without a
    refused preflight), throttled per (username, address), never locking an account."""
    if not same_origin(request) or request.content_type != "application/json":
        raise CsrfRefused("sign in from the console's own page")
    b = await _body(request, LOGIN)
    guard, address, now = guard_of(request.app), request.remote or "", request.app[UOWS].clock()
    guard.check(b["username"], address, now)
    try:
        secret, agent = await agents_sessions.sign_in(
            request.app[UOWS], request.app[SETTINGS].handoff, b["username"], b["password"])
    except SignInFailed:
        guard.failed(b["username"], address, now)
        raise
    guard.succeeded(b["username"], address)
    response = json({"agent": agent.view(), "csrf": agent.csrf})
    set_cookie(request, response, secret)
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    await agent_of(request, write=True)
    await agents_sessions.sign_out(request.app[UOWS], request.cookies.get("avisa_console"))
    response = json({"signed_out": True})
    clear_cookie(response)
    return response


async def me(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request)
    return json({"agent": agent.view(), "csrf": agent.csrf})


async def availability(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    b = await _body(request)
    return json(await agents_sessions.set_available(request.app[UOWS], agent.username,
                                                    bool(b.get("available"))))


async def language(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    b = await _body(request)
    return json(await agents_sessions.set_language(request.app[UOWS], agent.username,
                                                   str(b.get("language") or "")))


async def queue(request: web.Request) -> web.StreamResponse:
    return json(await console.queue(request.app[UOWS], await agent_of(request),
                                    request.app[SETTINGS].handoff.answer_minutes * 60))


async def colleagues(request: web.Request) -> web.StreamResponse:
    return json(await console_actions.colleagues(request.app[UOWS], await agent_of(request)))


async def conversation(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request)
    return json(await console.conversation(request.app[UOWS], agent, request.match_info["cid"]))


async def take(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    return json(await handoff_take.take(request.app[UOWS], agent, _hid(request)))


async def reply(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    text = (await _body(request, TEXT))["text"]
    return json(await console_actions.reply(request.app[UOWS], agent, _hid(request), text), 201)


async def note(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    text = (await _body(request, TEXT))["text"]
    return json(await console_actions.note(request.app[UOWS], agent, _hid(request), text), 201)


async def transfer(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    b = await _body(request)
    return json(await handoff_take.transfer(request.app[UOWS], agent, _hid(request),
                                            b.get("agent"), b.get("queue")))


async def release(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    slots = (await _body(request)).get("slots") or {}
    return json(await handoff_take.hand_back(request.app[UOWS], resumer(request.app), agent,
                                             _hid(request), dict(slots)))


async def close(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    return json(await handoff_take.close(request.app[UOWS], resumer(request.app), agent,
                                         _hid(request)))


async def new_incident(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    result = await console_actions.create_incident(request.app[UOWS], agent, _hid(request),
                                                   await _body(request))
    return json(result, 201 if result.get("outcome") == "created" else 200)


async def edit_incident(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    return json(await console_actions.update_incident(
        request.app[UOWS], agent, _hid(request), request.match_info["iid"], await _body(request)))


async def merge(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    into = str((await _body(request)).get("into") or "")
    return json(await console_actions.merge(request.app[UOWS], agent, _hid(request),
                                            request.match_info["iid"], into))


async def split(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request, write=True)
    reports = [int(r) for r in (await _body(request, SPLIT)).get("reports") or []]
    return json(await console_actions.split(request.app[UOWS], agent, _hid(request),
                                            request.match_info["iid"], reports))


RAW = [
    ("POST", API + "/login", login), ("POST", API + "/logout", logout),
    ("GET", API + "/me", me), ("POST", API + "/me/availability", availability),
    ("POST", API + "/me/language", language),
    ("GET", API + "/queue", queue), ("GET", API + "/colleagues", colleagues),
    ("GET", API + "/conversations/{cid}", conversation),
    ("POST", H + "/take", take), ("POST", H + "/reply", reply), ("POST", H + "/notes", note),
    ("POST", H + "/transfer", transfer), ("POST", H + "/release", release),
    ("POST", H + "/close", close),
    ("POST", H + "/incidents", new_incident), ("PATCH", H + "/incidents/{iid}", edit_incident),
    ("POST", H + "/incidents/{iid}/merge", merge), ("POST", H + "/incidents/{iid}/split", split),
    *console_live.RAW, *console_tools.RAW, *console_files.RAW,
]


async def _bearer_free(call: Call) -> Any:  # pragma: no cover - never called
    raise web.HTTPNotFound()


def install(app: web.Application) -> None:
    """Add the console routes; they skip bearer auth (PUBLIC) and check the session."""
    app[RESUMER] = app[RASA]
    table = app[ROUTE_TABLE]
    for method, path, handler in RAW:
        wrapped = secured(handler)
        app.router.add_route(method, path, wrapped)
        table[wrapped] = Route(method, path, _bearer_free, PUBLIC, "console", "console")
