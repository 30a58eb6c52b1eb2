"""Operations routes and middleware: ``/metrics`` (Prometheus), ``/api/health/ready``
(database, Rasa, action server) and the HTTP latency of every route by its template.

``/metrics`` takes any valid bearer token (give Prometheus its own, e.g. ``bearer_token`` in
the scrape config); the backend binds to AVISA_BACKEND_HOST (127.0.0.1 by default)."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import aiohttp
from aiohttp import web

from backend.adapters import metrics
from backend.api.keys import CLOCK, SETTINGS, UOWS
from backend.api.routing import Call, Reply
from backend.services.platform.health import outbox_backlog, ping_database
from common.http_metrics import latency_middleware

PROBE_TIMEOUT = 3.0
ACTION_SERVER_URL = "AVISA_ACTION_SERVER_URL"  # default http://127.0.0.1:5055


metrics_middleware = latency_middleware(metrics.HTTP_SECONDS)


async def _outbox_gauges(call: Call) -> None:
    depth, oldest = await outbox_backlog(call.uows)
    metrics.OUTBOX_DEPTH.set(depth)
    age = 0.0 if oldest is None else (call.request.app[CLOCK]() - oldest).total_seconds()
    metrics.OUTBOX_AGE.set(max(0.0, age))


async def prometheus(call: Call) -> web.Response:
    await _outbox_gauges(call)
    return web.Response(body=metrics.exposition(),
                        headers={"Content-Type": metrics.CONTENT_TYPE_LATEST})


async def _http(url: str) -> None:
    timeout = aiohttp.ClientTimeout(total=PROBE_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as http, http.get(url) as response:
        if response.status >= 500:
            raise OSError(f"HTTP {response.status}")


async def _check(name: str, probe: Any) -> tuple[str, str]:
    try:
        await asyncio.wait_for(probe, PROBE_TIMEOUT + 1)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return name, f"down: {type(exc).__name__}"
    return name, "ok"


async def ready(call: Call) -> Reply:
    """200 when the database, Rasa and the action server answer; else 503 naming which."""
    app = call.request.app
    actions = os.environ.get(ACTION_SERVER_URL, "http://127.0.0.1:5055").rstrip("/")
    results = await asyncio.gather(
        _check("database", ping_database(app[UOWS])),
        _check("rasa", _http(app[SETTINGS].rasa_url.rstrip("/") + "/")),
        _check("action_server", _http(actions + "/health")),
    )
    checks = dict(results)
    failed = sorted(name for name, state in checks.items() if state != "ok")
    body = {"status": "ready" if not failed else "not_ready", "checks": checks, "failed": failed}
    return Reply(200 if not failed else 503, body)


READY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["status", "checks", "failed"],
    "properties": {
        "status": {"type": "string", "enum": ["ready", "not_ready"]},
        "checks": {"type": "object", "additionalProperties": {"type": "string"}},
        "failed": {"type": "array", "items": {"type": "string",
                                               "enum": ["database", "rasa", "action_server"]}},
    },
}
