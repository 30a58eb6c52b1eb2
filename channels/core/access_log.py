"""The gateway's access log without query strings (issue 19): the widget sends its session
token in the WebSocket's first frame (browsers cannot set headers on a WebSocket), and a
token some client puts in a URL anyway, valid for 30 days, must not sit in a log file. The
line is aiohttp's default one, with the path in place of the full target."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger


class PathOnlyAccessLogger(AbstractAccessLogger):
    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        now = datetime.now(UTC).strftime("%d/%b/%Y:%H:%M:%S %z")
        self.logger.info('%s [%s] "%s %s HTTP/%d.%d" %s %s "%s" %.3fs', request.remote, now,
                         request.method, request.path, request.version.major,
                         request.version.minor, response.status, response.body_length,
                         request.headers.get("User-Agent", "-"), time)
