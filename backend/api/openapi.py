"""OpenAPI 3.1 document generated from the route table (it cannot drift from the routes)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from backend.api.routing import PUBLIC, Route

_PARAM = re.compile(r"{(\w+)}")

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "additionalProperties": True,
        }
    },
}
ERROR_TEXT = {400: "Invalid request", 401: "Missing or invalid token", 403: "Role not allowed",
              404: "Not found", 409: "Conflict", 410: "Expired", 423: "Locked",
              503: "A dependency does not answer"}


def _error(status: int) -> dict[str, Any]:
    return {
        "description": ERROR_TEXT.get(status, "Error"),
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _operation(route: Route) -> dict[str, Any]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in _PARAM.findall(route.path)
    ]
    params += [
        {"name": name, "in": "query", "required": name in route.required_query, "schema": schema}
        for name, schema in route.query.items()
    ]
    op: dict[str, Any] = {
        "operationId": route.handler.__name__,
        "summary": route.summary,
        "tags": [route.tag],
        "responses": {
            str(route.status): {
                "description": "OK",
                "content": {route.content_type: {"schema": route.response}},
            }
        },
    }
    for status in route.also:
        op["responses"][str(status)] = {
            "description": ERROR_TEXT.get(status, "See the body"),
            "content": {route.content_type: {"schema": route.response}},
        }
    if params:
        op["parameters"] = params
    if route.body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": route.body}},
        }
    if route.roles == PUBLIC:
        op["security"] = []
    else:
        op["x-roles"] = sorted(route.roles | {"admin"}) if route.roles else ["any"]
        statuses = {400, 401, 403, *route.errors}
        op["responses"].update({str(code): _error(code) for code in sorted(statuses)})
    return op


def build(routes: Iterable[Route]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Avisa backend", "version": "0.1.0"},
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": ERROR_SCHEMA},
        },
        "security": [{"bearer": []}],
    }
