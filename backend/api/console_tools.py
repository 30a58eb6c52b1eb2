"""The console's desk tools under /console/api (session cookie): canned responses for a
handoff, search over customers, incidents and conversations, and a customer's history."""

from __future__ import annotations

from aiohttp import web

from backend.api.console_session import agent_of, json
from backend.api.keys import UOWS
from backend.api.validation import Schema, parse_query, row_id
from backend.services.handoff import canned, lookup

API = "/console/api"
LANG: dict[str, Schema] = {"lang": {"type": "string", "enum": ["es", "en"]}}
SEARCH: dict[str, Schema] = {"q": {"type": "string", "minLength": lookup.MIN_QUERY,
                                   "maxLength": lookup.MAX_QUERY}}
HISTORY: dict[str, Schema] = {"exclude": {"type": "string", "maxLength": 40}}


async def canned_responses(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request)
    query = parse_query(LANG, request.query)
    hid = row_id(request.match_info["hid"])
    if hid is None:
        raise web.HTTPNotFound()
    return json(await canned.offered(request.app[UOWS], agent, hid, query["lang"]))


async def search(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request)
    query = parse_query(SEARCH, request.query, frozenset({"q"}))
    return json(await lookup.search(request.app[UOWS], agent, query["q"]))


async def history(request: web.Request) -> web.StreamResponse:
    await agent_of(request)
    query = parse_query(HISTORY, request.query)
    return json(await lookup.history(request.app[UOWS], request.match_info["code"],
                                     query["exclude"]))


RAW = [
    ("GET", API + "/handoffs/{hid}/canned", canned_responses),
    ("GET", API + "/search", search),
    ("GET", API + "/customers/{code}/history", history),
]
