"""The HTTP latency middleware of both processes' ``/metrics``: one histogram observation per
request, labelled by method, route template (never the path itself: ids stay out of labels)
and status class."""

from __future__ import annotations

import time

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from prometheus_client import Histogram


def route_template(request: web.Request) -> str:
    route = request.match_info.route
    resource = route.resource if route is not None else None
    return resource.canonical if resource is not None else "unmatched"


def latency_middleware(histogram: Histogram) -> Middleware:
    """A middleware observing into ``histogram`` (labels: method, route, status)."""

    @web.middleware
    async def observe(request: web.Request, handler: Handler) -> web.StreamResponse:
        started, status = time.perf_counter(), 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as exc:
            status = exc.status
            raise
        finally:
            histogram.labels(request.method, route_template(request),
                             f"{status // 100}xx").observe(time.perf_counter() - started)

    return observe
