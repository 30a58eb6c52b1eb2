"""Typed readers of one environment variable each, for the providers' settings.

Blank means unset (the default applies); anything malformed raises ``ConfigError``
naming the variable.
"""

from __future__ import annotations

from collections.abc import Mapping

from channels.core.errors import ConfigError


def text(env: Mapping[str, str], name: str) -> str:
    """The value without surrounding blanks; ``""`` when unset."""
    return env.get(name, "").strip()


def required(env: Mapping[str, str], name: str, needed_by: str) -> str:
    """A value that must be set because ``needed_by`` is."""
    value = text(env, name)
    if not value:
        raise ConfigError(f"{needed_by} is set but {name} is not")
    return value


def number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def integer(env: Mapping[str, str], name: str, default: int) -> int:
    """A positive whole number."""
    value = number(env, name, float(default))
    if not value.is_integer():
        raise ConfigError(f"{name} must be a whole number, got {value}")
    return int(value)


def flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {raw!r}")


def choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    raw = env.get(name, "").strip().lower() or default
    if raw not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, got {raw!r}")
    return raw
