"""JSON logs: one object per line with the request id of the request that logged it."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from common import logs
from tests.backend.helpers import h


def test_json_formatter_is_one_line_with_ids() -> None:
    token = logs.REQUEST_ID.set("req-1")
    try:
        record = logging.LogRecord("avisa.test", logging.INFO, __file__, 1, "stored %s",
                                   ("MSG-1",), None)
        line = logs.JsonFormatter().format(record)
    finally:
        logs.REQUEST_ID.reset(token)
    assert "\n" not in line
    event = json.loads(line)
    assert event["message"] == "stored MSG-1" and event["request_id"] == "req-1"
    assert event["level"] == "INFO" and "conversation_id" in event


async def test_request_id_is_echoed_and_logged(client: Any, caplog: pytest.LogCaptureFixture,
                                               ) -> None:
    seen: list[str | None] = []

    class Grab(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(logs.REQUEST_ID.get())

    handler = Grab()
    logging.getLogger("backend").addHandler(handler)
    try:
        resp = await client.get("/api/incidents/INC-1/sla",
                                headers={**h("admin"), "X-Request-ID": "abc-123"})
        logging.getLogger("backend.test").warning("inside? no: after the request")
    finally:
        logging.getLogger("backend").removeHandler(handler)
    assert resp.headers["X-Request-ID"] == "abc-123"
    fresh = await client.get("/api/health", headers={"X-Request-ID": "bad id with spaces"})
    assert fresh.headers["X-Request-ID"] != "bad id with spaces"
    assert seen[-1] is None  # the id does not leak past its request
