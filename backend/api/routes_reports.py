"""Service managers' reports (services/platform/reports). Each report and list is served twice,
like the admin page's operations: under /api/reports with the manager (or admin) bearer
token, for scripts, and under /console/api/reports with a manager's or admin's console
session, for the page at /reports. `?format=csv` answers CSV instead of JSON.
Agents (token or session) and customers get 403/401."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiohttp import web

from backend.api.console_session import agent_of, json, secured
from backend.api.errors import Forbidden
from backend.api.keys import UOWS
from backend.api.routing import PUBLIC, ROUTE_TABLE, Call, Route
from backend.api.static_files import CSS, JS, JSON, static_files
from backend.paths import pages
from backend.services.platform.reports import run

MANAGER = frozenset({"manager"})  # admins pass too (Route.allows)
READERS = ("manager", "admin")
PAGES = pages("reports")
static = static_files(PAGES, {
    "reports.js": JS, "sections.js": JS, "charts.js": JS, "i18n.js": JS,
    "uPlot.iife.min.js": JS, "reports.css": CSS, "uPlot.min.css": CSS, "i18n.json": JSON})
TEXT: dict[str, Any] = {"type": "string", "maxLength": 40}
QUERY: dict[str, Any] = {
    "from": {"type": "string", "format": "date", "description": "first local day (YYYY-MM-DD)"},
    "to": {"type": "string", "format": "date", "description": "last local day (included)"},
    "customer": TEXT, "channel": TEXT, "queue": TEXT,
    "format": {"type": "string", "enum": ["json", "csv"], "default": "json"},
    "personal": {"type": "string", "enum": ["yes", "no"],
                 "description": "lists only: free text and addresses (personal data)"},
    **{name: TEXT for name in ("sla", "priority", "contract", "coverage", "technician",
                               "decision", "state", "reason", "contained", "language",
                               "verification", "merge", "zone", "dispatched")},
}


async def _answer(uows: Any, name: str, query: Mapping[str, str]) -> web.Response:
    if query.get("format") == "csv":
        text = await run.report_csv(uows, name, query)
        return web.Response(text=text, content_type="text/csv", charset="utf-8", headers={
            "Content-Disposition": f'attachment; filename="avisa-{name}.csv"',
            "Cache-Control": "no-store"})
    return json(await run.report(uows, name, query))


async def by_token(call: Call) -> web.Response:
    return await _answer(call.uows, call.param("name"), call.request.query)


async def by_session(request: web.Request) -> web.StreamResponse:
    agent = await agent_of(request)
    if agent.role not in READERS:
        raise Forbidden("managers and admins only", role=agent.role)
    return await _answer(request.app[UOWS], request.match_info["name"], request.query)


async def page(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(PAGES / "index.html")


NAMES = ", ".join([*run.REPORTS, *run.LISTS])
ROUTES = [
    Route("GET", "/api/reports/{name}", by_token, MANAGER,
          f"A manager's report ({NAMES}) on a period and filters; format=csv for CSV",
          "reports", query=QUERY, errors=(400, 404)),
]


async def _bearer_free(call: Call) -> Any:  # pragma: no cover - never called
    raise web.HTTPNotFound()


def install(app: web.Application) -> None:
    """The page and the session-authenticated copy of the API (bearer auth skipped)."""
    table = app[ROUTE_TABLE]
    raw = [("GET", "/console/api/reports/{name}", by_session), ("GET", "/reports", page),
           ("GET", "/reports/static/{name}", static)]
    for method, path, handler in raw:
        wrapped = secured(handler)
        app.router.add_route(method, path, wrapped)
        table[wrapped] = Route(method, path, _bearer_free, PUBLIC, "reports", "reports")
