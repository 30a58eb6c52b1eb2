"""Typed readers for JSON objects received from other processes or clients.

Each reader raises ``ShapeError`` (a ``ValueError``) with a message naming the
field; callers turn it into their own boundary's exception.
"""

from __future__ import annotations

from typing import Any


class ShapeError(ValueError):
    """A JSON value does not have the expected shape."""


def as_object(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what} must be a JSON object")
    return value


def as_list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"{what} must be a JSON list")
    return value


def req_str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ShapeError(f"field {key!r} must be a string")
    return value


def opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ShapeError(f"field {key!r} must be a string or null")
    return value


def req_bool(obj: dict[str, Any], key: str) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise ShapeError(f"field {key!r} must be true or false")
    return value


def str_list(obj: dict[str, Any], key: str) -> tuple[str, ...]:
    value = obj.get(key) or []
    items = as_list(value, f"field {key!r}")
    if not all(isinstance(item, str) for item in items):
        raise ShapeError(f"field {key!r} must be a list of strings")
    return tuple(items)


def opt_object(obj: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = obj.get(key)
    if value is None:
        return None
    return as_object(value, f"field {key!r}")
