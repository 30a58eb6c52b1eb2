"""Holiday calendars: the dates on which covered hours do not run.

A calendar is a name plus the public holidays of one or more regions — a country and an
optional subdivision (``ES``/``MD``, ``GB``/``ENG``, ``US``/``NY``), taken from the maintained
`holidays` package for any year — plus company-specific closing days given as data
(data/calendars.yml). Nothing here lists a holiday: the package knows the rules (Easter,
"observed" Mondays, regional substitutions), the data knows the company's own days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import holidays as _holidays

from backend.domain.coverage.errors import TermsError

Region = tuple[str, str | None]  # (ISO 3166 country, subdivision or None)


@lru_cache(maxsize=512)
def public_holidays(country: str, subdiv: str | None, year: int) -> Mapping[date, str]:
    """The public holidays of one region in one year (cached per (country, subdiv, year))."""
    table = _holidays.country_holidays(country, subdiv=subdiv, years=year)
    return MappingProxyType({day: str(name) for day, name in sorted(table.items())})


def check_region(country: str, subdiv: str | None = None) -> Region:
    """`(country, subdiv)` if the `holidays` package knows it; TermsError otherwise."""
    try:
        _holidays.country_holidays(country, subdiv=subdiv, years=())
    except NotImplementedError as exc:
        where = f"{country}/{subdiv}" if subdiv else country
        raise TermsError(f"unknown holiday region {where!r}: {exc}") from exc
    return (country, subdiv)


@dataclass(frozen=True)
class HolidayCalendar:
    name: str
    regions: tuple[Region, ...] = ()
    closing_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, name: str, dates: Iterable[date]) -> HolidayCalendar:
        """A calendar of closing days only (no public holidays)."""
        return cls(name=name, closing_days=frozenset(dates))

    @classmethod
    def public(cls, name: str, country: str, subdiv: str | None = None,
               closing_days: Iterable[date] = ()) -> HolidayCalendar:
        return cls(name, (check_region(country, subdiv),), frozenset(closing_days))

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in self.closing_days or any(
            day in public_holidays(country, subdiv, day.year) for country, subdiv in self.regions)

    def name_of(self, day: date) -> str | None:
        """The holiday's name (from the package), "closing day", or None on a working day."""
        for country, subdiv in self.regions:
            found = public_holidays(country, subdiv, day.year).get(day)
            if found is not None:
                return found
        return "closing day" if day in self.closing_days else None

    def dates_in(self, year: int) -> frozenset[date]:
        """Every holiday and closing day of `year`."""
        days = {d for d in self.closing_days if d.year == year}
        for country, subdiv in self.regions:
            days |= set(public_holidays(country, subdiv, year))
        return frozenset(days)

    def merged(self, other: HolidayCalendar, name: str | None = None) -> HolidayCalendar:
        regions = self.regions + tuple(r for r in other.regions if r not in self.regions)
        return HolidayCalendar(name or f"{self.name}+{other.name}", regions,
                               self.closing_days | other.closing_days)

    def with_closing_days(self, days: Iterable[date], name: str | None = None) -> HolidayCalendar:
        return HolidayCalendar(name or self.name, self.regions, self.closing_days | set(days))


NO_HOLIDAYS = HolidayCalendar("none")
