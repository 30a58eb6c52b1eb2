"""Field converters for the demo data files: each returns the clean value or raises
ValueError/TypeError with a message that `demo_data` prefixes with the file and the item."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

Convert = Callable[[Any], Any]
E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def text(value: Any) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise TypeError(f"expected text, got {value!r}")
    return str(value).strip()


def optional(convert: Convert) -> Convert:
    return lambda value: None if value is None or value == "" else convert(value)


def one_of(*allowed: str) -> Convert:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    return check


def iso_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {value!r}") from exc


def money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"expected an amount, got {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"expected an amount like \"1450.00\", got {value!r}") from exc
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"expected a non-negative amount, got {value!r}")
    return amount.quantize(Decimal("0.01"))


def phone(value: Any) -> str:
    number = str(value).replace(" ", "")
    if not E164.match(number):
        raise ValueError(f"expected an E.164 phone like \"+34976123456\", got {value!r}")
    return number


def email(value: Any) -> str:
    address = text(value).lower()
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise ValueError(f"expected an e-mail address, got {value!r}")
    return address


def texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return [text(item) for item in value]


def mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a mapping, got {value!r}")
    return {str(k): _plain(v) for k, v in value.items()}


def _plain(value: Any) -> Any:
    """JSON-safe copy (dates and decimals as text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date | Decimal):
        return str(value)
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value
