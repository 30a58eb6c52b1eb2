"""A small JSON-schema subset, so the schema that validates a body is the one documented
in OpenAPI. Supports: type (one or a list, incl. "null"), properties, required, enum,
minLength, maxLength, minimum, maximum, items."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backend.domain.errors import InvalidRequest

Schema = dict[str, Any]

_CHECKS: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def _type_ok(value: Any, name: str) -> bool:
    if name == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, _CHECKS[name])


def validate(schema: Schema, value: Any, where: str = "body") -> Any:
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_type_ok(value, n) for n in names):
            raise InvalidRequest(f"{where} must be {' or '.join(names)}", field=where)
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(map(str, schema["enum"]))
        raise InvalidRequest(f"{where} must be one of: {allowed}", field=where)
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0):
            raise InvalidRequest(f"{where} must not be empty", field=where)
        if len(value) > schema.get("maxLength", 1_000_000):
            raise InvalidRequest(f"{where} is longer than {schema['maxLength']}", field=where)
    if (isinstance(value, int) and not isinstance(value, bool)) and (
        value < schema.get("minimum", value) or value > schema.get("maximum", value)
    ):
        raise InvalidRequest(
            f"{where} must be between {schema.get('minimum')} and {schema.get('maximum')}",
            field=where,
        )
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if value.get(name) is None:
                raise InvalidRequest(f"{where}.{name} is required", field=f"{where}.{name}")
        for name, sub in schema.get("properties", {}).items():
            if name in value and (value[name] is not None or "null" in _names(sub)):
                validate(sub, value[name], f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(schema["items"], item, f"{where}[{i}]")
    return value


def _names(schema: Schema) -> list[str]:
    types = schema.get("type", [])
    return [types] if isinstance(types, str) else list(types)


def parse_body(raw: str, schema: Schema) -> dict[str, Any]:
    try:
        value = json.loads(raw) if raw.strip() else {}
    except json.JSONDecodeError as exc:
        raise InvalidRequest(f"body is not valid JSON: {exc.msg}") from exc
    result = validate(schema, value)
    assert isinstance(result, dict)
    return result


def parse_query(params: Mapping[str, Schema], query: Mapping[str, str]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for name, schema in params.items():
        if name not in query:
            parsed[name] = schema.get("default")
            continue
        raw = query[name]
        value: Any = raw
        if schema.get("type") == "integer":
            try:
                value = int(raw)
            except ValueError as exc:
                raise InvalidRequest(f"query {name} must be an integer", field=name) from exc
        parsed[name] = validate(schema, value, f"query {name}")
    return parsed
