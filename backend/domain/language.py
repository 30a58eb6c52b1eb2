"""The one language rule for everything the backend writes to people: the customer's
language when it is one we write, else the company's default (Spanish: Avisa Servicios
answers in Spanish unless a customer asked for English). Every bilingual table in the
backend is keyed by these codes and read through `pick`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

T = TypeVar("T")


def language(value: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """``value`` when it is a language we write (es, en), else ``default``."""
    return value if value in LANGUAGES else default


def pick(variants: Mapping[str, T], value: str | None, default: str = DEFAULT_LANGUAGE) -> T:
    """The variant in the customer's language, else in the company's default."""
    return variants[language(value, default)]
