"""Request bodies and queries decoded and validated before any handler runs.

Validation is the ``jsonschema`` package (JSON Schema 2020-12, the dialect of OpenAPI 3.1)
against the very schemas the OpenAPI document publishes, with standard semantics:
``additionalProperties``, ``format`` (checked), ``minLength`` on the string as sent. A body
that is not UTF-8, not JSON, nested deeper than ``MAX_DEPTH`` or not the declared shape is an
``InvalidRequest`` (400 ``invalid_request``), never a server error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from aiohttp import web
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from backend.domain.errors import InvalidRequest
from common.jsondepth import nesting

Schema = dict[str, Any]

MAX_DEPTH = 64  # no route takes anything near this deep; deeper is refused before parsing
_FORMATS = FormatChecker()


def _validator(schema: Schema) -> Draft202012Validator:
    return _cached(json.dumps(schema, sort_keys=True, default=str))


@lru_cache(maxsize=512)
def _cached(text: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(text), format_checker=_FORMATS)


def _where(root: str, error: ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [n for n in error.validator_value if n not in error.instance]
        path += f".{missing[0]}" if missing else ""
    return root + path


def validate(schema: Schema, value: Any, where: str = "body") -> Any:
    """Raise InvalidRequest naming the first failing place (the deepest, most relevant)."""
    error = _best(_validator(schema), value)
    if error is not None:
        field = _where(where, error)
        raise InvalidRequest(f"{field}: {_message(error)}", field=field)
    return value


def _best(validator: Draft202012Validator, value: Any) -> ValidationError | None:
    return best_match(validator.iter_errors(value))


def _message(error: ValidationError) -> str:
    # jsonschema's messages repeat the instance, which may be long or personal: name the rule.
    rule, expected = error.validator, error.validator_value
    if rule == "required":
        return "is required"
    if rule == "additionalProperties":
        return "unexpected property"
    if rule in ("type", "enum", "format", "const"):
        shown = ", ".join(map(str, expected)) if isinstance(expected, list) else str(expected)
        return f"must be {'one of ' if rule == 'enum' else ''}{shown}"
    return f"violates {rule} {expected}"


def decode_json(raw: bytes) -> Any:
    """Bytes → JSON value, or InvalidRequest (empty body = {})."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidRequest("body is not UTF-8 text") from exc
    if not text.strip():
        return {}
    if nesting(raw) > MAX_DEPTH:
        raise InvalidRequest(f"body is nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "unreadable"
        raise InvalidRequest(f"body is not valid JSON: {reason}") from exc


def parse_body(raw: bytes | str, schema: Schema) -> dict[str, Any]:
    value = decode_json(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if not isinstance(value, dict):
        raise InvalidRequest("body must be a JSON object", field="body")
    result = validate(schema, value)
    assert isinstance(result, dict)
    return result


async def read_body(request: web.Request, schema: Schema) -> dict[str, Any]:
    """The request's body as bytes, decoded and validated (never ``request.text()``)."""
    return parse_body(await request.read(), schema)


MAX_ID = 2**63 - 1  # the database's BIGINT: larger ids cannot exist


def row_id(raw: str) -> int | None:
    """A path segment as a row id: ASCII digits within BIGINT, else None (no such row)."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > MAX_ID:
        return None
    return int(raw)


def _coerce(name: str, schema: Schema, raw: str) -> Any:
    types = schema.get("type")
    names = [types] if isinstance(types, str) else list(types or [])
    if "integer" in names:
        value = row_id(raw.removeprefix("-")) if raw.strip() == raw else None
        if value is None:
            raise InvalidRequest(f"query {name} must be an integer", field=name)
        return -value if raw.startswith("-") else value
    if "boolean" in names and raw in ("true", "false"):
        return raw == "true"
    return raw


def parse_query(params: Mapping[str, Schema], query: Mapping[str, str],
                required: frozenset[str] = frozenset()) -> dict[str, Any]:
    unknown = sorted(set(query) - set(params))
    if unknown:  # a misspelt filter must not silently list everything
        raise InvalidRequest(f"unknown query parameter {unknown[0]}", field=unknown[0])
    parsed: dict[str, Any] = {}
    for name, schema in params.items():
        if name not in query and name in required:
            raise InvalidRequest(f"query {name} is required", field=name)
        if name not in query:
            parsed[name] = schema.get("default")
            continue
        parsed[name] = validate(schema, _coerce(name, schema, query[name]), f"query {name}")
    return parsed
