"""Assembles the /api routes and middlewares onto an aiohttp application."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from backend.api import (
    docs,
    observe,
    openapi,
    routes_actions,
    routes_admin_nlu,
    routes_agents,
    routes_alerts,
    routes_attachments,
    routes_billing,
    routes_channels,
    routes_console,
    routes_contracts,
    routes_dispatch,
    routes_followups,
    routes_gateway,
    routes_handoff,
    routes_import,
    routes_incidents,
    routes_mail,
    routes_reports,
)
from backend.api.auth import auth_middleware
from backend.api.errors import error_middleware
from backend.api.routing import ANY_ROLE, PUBLIC, ROUTE_TABLE, Call, Route, register
from backend.api.validation import Schema
from common import logs


async def health(call: Call) -> Any:
    return {"status": "ok"}


async def openapi_document(call: Call) -> Any:
    return openapi.build(all_routes())


HEALTH: Schema = {"type": "object", "required": ["status"],
                  "properties": {"status": {"type": "string", "enum": ["ok"]}}}
META_ROUTES = [
    Route("GET", "/api/health", health, PUBLIC, "Liveness", "meta", response=HEALTH),
    Route("GET", "/api/health/ready", observe.ready, PUBLIC,
          "Readiness: the database, Rasa and the action server answer (503 names which not)",
          "meta", response=observe.READY_SCHEMA, also=(503,)),
    Route("GET", "/metrics", observe.prometheus, ANY_ROLE,
          "Prometheus metrics (text exposition format)", "meta",
          response={"type": "string"}, content_type="text/plain"),
    Route("GET", "/api/openapi.json", openapi_document, ANY_ROLE, "This document", "meta"),
]


def all_routes() -> list[Route]:
    return [*META_ROUTES, *docs.ROUTES, *routes_gateway.ROUTES, *routes_actions.ROUTES,
            *routes_agents.ROUTES,
            *routes_incidents.ROUTES, *routes_handoff.ROUTES, *routes_followups.ROUTES,
            *routes_import.ROUTES,
            *routes_channels.ROUTES, *routes_mail.ROUTES, *routes_attachments.ROUTES,
            *routes_contracts.ROUTES, *routes_billing.ROUTES,
            *routes_dispatch.ROUTES, *routes_alerts.ROUTES, *routes_reports.ROUTES,
            *routes_admin_nlu.routes()]


# Polled by every gateway replica (the outbox twice a second, the mail lease every few
# seconds): a successful poll is a DEBUG line of the access log, not INFO. Any answer of
# 400 or more stays at INFO, so errors are never hidden.
QUIET_POLLS = ("POST /api/outbox/claim ", "POST /api/mail/lease ")


class QuietPolls(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        line = str(getattr(record, "first_request_line", ""))
        if not line.startswith(QUIET_POLLS):
            return True
        try:
            status = int(getattr(record, "response_status", 500))
        except (TypeError, ValueError):
            return True
        if status >= 400:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


QUIET = QuietPolls()


def install(app: web.Application) -> None:
    access = logging.getLogger("aiohttp.access")
    if QUIET not in access.filters:
        access.addFilter(QUIET)
    app.middlewares.extend([logs.context_middleware, observe.metrics_middleware,
                            error_middleware, auth_middleware])
    app[ROUTE_TABLE] = {}
    register(app, all_routes())
    routes_console.install(app)
    routes_admin_nlu.install(app)
    routes_reports.install(app)
