"""Field converters that also read CSV cells (every cell is text there): flags, lists,
mappings (JSON text), moments with an offset, Telegram usernames, free-form names."""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from backend.domain.names import free_name
from backend.services.platform import demo_fields as f

USERNAME = re.compile(r"^[a-z][a-z0-9_]{4,31}$")
TRUE = frozenset({"true", "yes", "y", "1", "si", "sí", "x"})
FALSE = frozenset({"false", "no", "n", "0", ""})


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE or word in FALSE:
        return word in TRUE
    raise ValueError(f"expected yes/no (true/false), got {value!r}")


def texts(value: Any) -> list[str]:
    """A list, or text with items separated by ";" or "|"."""
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[;|]", value) if item.strip()]
    return f.texts(value)


def mapping(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"expected a JSON object, got {value!r}") from exc
    return f.mapping(value)


def name(value: Any) -> str:
    """A free-form family or zone ("CNC lathe" → "cnc_lathe"): any name, one spelling."""
    spelled = free_name(f.text(value))
    if not spelled:
        raise ValueError(f"expected a name, got {value!r}")
    return spelled


def names(value: Any) -> list[str]:
    """Skills: free-form names spelled as the families they match ("CNC lathe;Generators")."""
    return [name(item) for item in texts(value)]


def username(value: Any) -> str:
    """A Telegram @username, stored lower case without the "@"."""
    handle = f.text(value).removeprefix("@").lower()
    if not USERNAME.match(handle):
        raise ValueError(f"expected a Telegram username like @maria_lopez, got {value!r}")
    return handle


def quantity(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"expected a quantity, got {value!r}") from exc
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"expected a positive quantity, got {value!r}")
    return amount


def moment(zone: ZoneInfo) -> f.Convert:
    """ISO 8601 date and time; without an offset it is read in ``zone``."""

    def read(value: Any) -> datetime:
        if isinstance(value, datetime):
            at = value
        else:
            try:
                at = datetime.fromisoformat(str(value).strip())
            except ValueError as exc:
                raise ValueError(f"expected a date and time like 2026-12-09T09:00, "
                                 f"got {value!r}") from exc
        return at if at.tzinfo is not None else at.replace(tzinfo=zone)

    return read
