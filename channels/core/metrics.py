"""Prometheus metrics of the gateway and its ``GET /metrics``.

Labels are bounded (channel, route template, status class), never addresses or ids.
``/metrics`` answers a request bearing ``AVISA_METRICS_TOKEN`` when that is set; without
it, only loopback peers (a Prometheus on the same host; nginx must not proxy /metrics)."""

from __future__ import annotations

import hmac
import ipaddress
import os

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

from common.http_metrics import latency_middleware
from common.logs import context_middleware

MESSAGES = Counter("avisa_gateway_messages_total",
                   "Messages through the gateway by direction (in/out) and channel",
                   ["direction", "channel"])
RASA_SECONDS = Histogram("avisa_gateway_rasa_seconds", "Rasa answer latency by channel",
                         ["channel"])
RASA_FAILURES = Counter("avisa_gateway_rasa_failures_total", "Rasa calls that failed",
                        ["channel"])
HTTP_SECONDS = Histogram("avisa_gateway_http_request_duration_seconds",
                         "Gateway HTTP latency by route template, method and status class",
                         ["method", "route", "status"])
TOKEN_ENV = "AVISA_METRICS_TOKEN"


http_metrics = latency_middleware(HTTP_SECONDS)


def _allowed(request: web.Request) -> bool:
    token = os.environ.get(TOKEN_ENV, "")
    if token:
        presented = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(presented.encode(), token.encode())
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


async def metrics(request: web.Request) -> web.Response:
    if not _allowed(request):
        return web.json_response({"error": {"code": "forbidden",
                                            "message": "metrics: token or loopback only"}},
                                 status=403)
    return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})


def install(app: web.Application) -> None:
    app.middlewares.append(context_middleware)
    app.middlewares.append(http_metrics)
    app.router.add_get("/metrics", metrics)
