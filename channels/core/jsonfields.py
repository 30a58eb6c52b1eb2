"""Typed readers for JSON objects received from other processes or clients.

Each reader raises ``ShapeError`` (a ``ValueError``) with a message naming the
field; callers turn it into their own boundary's exception.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class ShapeError(ValueError):
    """A JSON value does not have the expected shape."""


def _checked(value: object, kind: type[T], message: str) -> T:
    if not isinstance(value, kind):
        raise ShapeError(message)
    return value


def as_object(value: object, what: str) -> dict[str, Any]:
    return _checked(value, dict, f"{what} must be a JSON object")


def as_list(value: object, what: str) -> list[Any]:
    return _checked(value, list, f"{what} must be a JSON list")


def req_str(obj: dict[str, Any], key: str) -> str:
    return _checked(obj.get(key), str, f"field {key!r} must be a string")


def opt_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    return _checked(value, str, f"field {key!r} must be a string or null")


def req_bool(obj: dict[str, Any], key: str) -> bool:
    return _checked(obj.get(key), bool, f"field {key!r} must be true or false")


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
