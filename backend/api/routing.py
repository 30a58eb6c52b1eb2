"""The route table: each route declares method, path, roles and schemas once; the aiohttp
router, the authorisation check and the OpenAPI document are all built from it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from backend.api.keys import SETTINGS, UOWS
from backend.api.validation import Schema, parse_query, read_body
from backend.config import Settings
from backend.services.platform.uow import UnitOfWorkFactory

PUBLIC = frozenset({"public"})  # no token needed
ANY_ROLE: frozenset[str] = frozenset()  # any valid token


@dataclass(frozen=True)
class Call:
    """What a route handler receives: the request, its validated body and query."""

    request: web.Request
    body: dict[str, Any]
    query: dict[str, Any]

    @property
    def uows(self) -> UnitOfWorkFactory:
        return self.request.app[UOWS]

    @property
    def settings(self) -> Settings:
        return self.request.app[SETTINGS]

    def param(self, name: str) -> str:
        return self.request.match_info[name]


Handler = Callable[[Call], Awaitable[Any]]


@dataclass(frozen=True)
class Reply:
    """A handler result whose status depends on the outcome (else the route's status)."""

    status: int
    body: Any


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Handler
    roles: frozenset[str]
    summary: str
    tag: str
    status: int = 200
    body: Schema | None = None
    query: Mapping[str, Schema] = field(default_factory=dict)
    required_query: frozenset[str] = frozenset()  # query parameters that must be present
    response: Schema = field(default_factory=lambda: {"type": "object"})
    errors: tuple[int, ...] = ()
    content_type: str = "application/json"  # of the success answer (metrics: text/plain)
    also: tuple[int, ...] = ()  # other statuses answered with the same body (a Reply)

    def allows(self, role: str) -> bool:
        return not self.roles or role == "admin" or role in self.roles


ROUTE_TABLE = web.AppKey("route_table", dict)


def _aiohttp_handler(route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        body = await read_body(request, route.body) if route.body is not None else {}
        query = parse_query(route.query, request.query, route.required_query)
        result = await route.handler(Call(request, body, query))
        if isinstance(result, Reply):
            return web.json_response(result.body, status=result.status)
        if isinstance(result, web.Response):  # files (PDF, CSV, XML) built by the handler
            return result
        return web.json_response(result, status=route.status)

    handle.__name__ = route.handler.__name__
    return handle


def register(app: web.Application, routes: list[Route]) -> None:
    """Add the routes to the router and remember which route each handler serves."""
    table: dict[Any, Route] = app.get(ROUTE_TABLE, {})
    for route in routes:
        handler = _aiohttp_handler(route)
        app.router.add_route(route.method, route.path, handler)
        table[handler] = route
    app[ROUTE_TABLE] = table


def route_of(request: web.Request) -> Route | None:
    table: dict[Any, Route] = request.app[ROUTE_TABLE]
    return table.get(request.match_info.handler)
