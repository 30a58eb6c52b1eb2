"""Assembles the /api routes and middlewares onto an aiohttp application."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from backend.api import (
    openapi,
    routes_actions,
    routes_admin_nlu,
    routes_agents,
    routes_alerts,
    routes_billing,
    routes_channels,
    routes_console,
    routes_contracts,
    routes_dispatch,
    routes_gateway,
    routes_handoff,
    routes_incidents,
    routes_mail,
)
from backend.api.auth import auth_middleware
from backend.api.errors import error_middleware
from backend.api.routing import ANY_ROLE, PUBLIC, ROUTE_TABLE, Call, Route, register


async def health(call: Call) -> Any:
    return {"status": "ok"}


async def openapi_document(call: Call) -> Any:
    return openapi.build(all_routes())


META_ROUTES = [
    Route("GET", "/api/health", health, PUBLIC, "Liveness", "meta"),
    Route("GET", "/api/openapi.json", openapi_document, ANY_ROLE, "This document", "meta"),
]


def all_routes() -> list[Route]:
    return [*META_ROUTES, *routes_gateway.ROUTES, *routes_actions.ROUTES, *routes_agents.ROUTES,
            *routes_incidents.ROUTES, *routes_handoff.ROUTES,
            *routes_channels.ROUTES, *routes_mail.ROUTES,
            *routes_contracts.ROUTES, *routes_billing.ROUTES,
            *routes_dispatch.ROUTES, *routes_alerts.ROUTES,
            *routes_admin_nlu.routes()]


def install(app: web.Application) -> None:
    app.middlewares.extend([error_middleware, auth_middleware])
    app[ROUTE_TABLE] = {}
    register(app, all_routes())
    routes_console.install(app)
    routes_admin_nlu.install(app)
