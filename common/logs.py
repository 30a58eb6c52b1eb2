"""Logging of the backend and the gateway: plain text, or one JSON object per line when
AVISA_LOG_FORMAT=json, each carrying the request id (X-Request-ID, else a new one) and the
conversation id of the route when it names one. The formatter adds ids only; keeping
message text and addresses out of log messages is up to each call site."""

from __future__ import annotations

import json
import logging
import os
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)
CONVERSATION_ID: ContextVar[str | None] = ContextVar("conversation_id", default=None)
PLAIN = "%(asctime)s %(levelname)s %(name)s %(message)s"
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": REQUEST_ID.get(),
            "conversation_id": CONVERSATION_ID.get(),
        }
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)


def configure(level: int = logging.INFO, fmt: str | None = None) -> None:
    """Root logging from AVISA_LOG_FORMAT (``text``, the default, or ``json``)."""
    chosen = (fmt or os.environ.get("AVISA_LOG_FORMAT", "text")).strip().lower()
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if chosen == "json" else logging.Formatter(PLAIN))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _safe_id(raw: str | None) -> str | None:
    if raw and len(raw) <= 64 and set(raw) <= _ID_CHARS:
        return raw
    return None


@web.middleware
async def context_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    rid = _safe_id(request.headers.get("X-Request-ID")) or uuid.uuid4().hex
    cid = next((request.match_info[k] for k in ("cid", "conversation_id")
                if k in request.match_info), None)
    rid_token, cid_token = REQUEST_ID.set(rid), CONVERSATION_ID.set(_safe_id(cid))
    try:
        response: web.StreamResponse = await handler(request)
        response.headers["X-Request-ID"] = rid
        return response
    finally:
        REQUEST_ID.reset(rid_token)
        CONVERSATION_ID.reset(cid_token)
