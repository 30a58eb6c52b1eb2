"""The named holiday calendars of data/calendars.yml (parsed once, validated at import).

`parse_calendars(text)` is pure; `CALENDARS` is the product's set, read from the data folder.
Every calendar except ``none`` also closes on the company's closing days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import yaml

from backend.domain.coverage.errors import TermsError
from backend.domain.coverage.holidays import NO_HOLIDAYS, HolidayCalendar
from backend.paths import data_file

CALENDARS_FILE = "calendars.yml"


def _days(value: Any, what: str) -> frozenset[date]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(d, date) for d in value):
        raise TermsError(f"{what} must be a list of dates YYYY-MM-DD")
    return frozenset(value)


def calendar_from(name: str, spec: Any, company_days: frozenset[date] = frozenset()
                  ) -> HolidayCalendar:
    """One calendar from `{country, subdiv?, closing_days?}`."""
    if not isinstance(spec, dict) or not isinstance(spec.get("country"), str):
        raise TermsError(f"calendar {name!r} needs at least a country (e.g. {{country: ES}})")
    unknown = set(spec) - {"country", "subdiv", "closing_days"}
    if unknown:
        raise TermsError(f"calendar {name!r}: unknown keys {sorted(unknown)}")
    subdiv = spec.get("subdiv")
    if subdiv is not None and not isinstance(subdiv, str):
        raise TermsError(f"calendar {name!r}: subdiv must be text")
    days = _days(spec.get("closing_days"), f"{name}.closing_days") | company_days
    return HolidayCalendar.public(name, spec["country"].upper(),
                                  subdiv.upper() if subdiv else None, days)


def parse_calendars(text: str) -> Mapping[str, HolidayCalendar]:
    doc = yaml.safe_load(text) or {}
    if not isinstance(doc, dict) or not isinstance(doc.get("calendars"), dict):
        raise TermsError("calendars file: expected a `calendars:` mapping")
    company = _days(doc.get("company_closing_days"), "company_closing_days")
    out: dict[str, HolidayCalendar] = {NO_HOLIDAYS.name: NO_HOLIDAYS}
    for name, spec in doc["calendars"].items():
        out[str(name)] = calendar_from(str(name), spec, company)
    return MappingProxyType(out)


CALENDARS: Mapping[str, HolidayCalendar] = parse_calendars(
    data_file(CALENDARS_FILE).read_text(encoding="utf-8"))
ES_NATIONAL = CALENDARS["es-national"]
