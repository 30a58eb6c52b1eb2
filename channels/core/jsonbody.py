"""Request bodies as JSON, decoded before any handler logic: bytes that are not UTF-8, not
JSON or nested deeper than ``MAX_DEPTH`` are an ``InvalidInput`` (a 400), never a 500."""

from __future__ import annotations

import json
from typing import Any

from channels.core.errors import InvalidInput
from common.jsondepth import nesting

MAX_DEPTH = 64


def decode(raw: bytes | str) -> Any:
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("invalid_request", "body is not UTF-8 text") from None
    if nesting(data) > MAX_DEPTH:
        raise InvalidInput("invalid_request", f"body is nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise InvalidInput("invalid_request", "body must be JSON") from None
