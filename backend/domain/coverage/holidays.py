"""Holiday calendars as data: the dates on which covered hours do not run.

Calendars are named (`es-national`, `es-aragon`, ...). The tables below are the
national holidays of Spain common to every region (BOE) for 2025 and 2026, and the
two extra Aragón days of 2026 as an example of a regional calendar; services may
build further calendars from their own data with `HolidayCalendar.of`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class HolidayCalendar:
    name: str
    dates: frozenset[date]

    @classmethod
    def of(cls, name: str, dates: Iterable[date]) -> HolidayCalendar:
        return cls(name=name, dates=frozenset(dates))

    def __contains__(self, day: object) -> bool:
        return day in self.dates

    def merged(self, other: HolidayCalendar, name: str | None = None) -> HolidayCalendar:
        return HolidayCalendar(name or f"{self.name}+{other.name}", self.dates | other.dates)


NO_HOLIDAYS = HolidayCalendar("none", frozenset())

_ES_NATIONAL: tuple[tuple[str, str], ...] = (
    ("2025-01-01", "Año Nuevo"),
    ("2025-01-06", "Epifanía del Señor"),
    ("2025-04-18", "Viernes Santo"),
    ("2025-05-01", "Fiesta del Trabajo"),
    ("2025-08-15", "Asunción de la Virgen"),
    ("2025-11-01", "Todos los Santos"),
    ("2025-12-06", "Día de la Constitución"),
    ("2025-12-08", "Inmaculada Concepción"),
    ("2025-12-25", "Natividad del Señor"),
    ("2026-01-01", "Año Nuevo"),
    ("2026-01-06", "Epifanía del Señor"),
    ("2026-04-03", "Viernes Santo"),
    ("2026-05-01", "Fiesta del Trabajo"),
    ("2026-08-15", "Asunción de la Virgen"),
    ("2026-10-12", "Fiesta Nacional de España"),
    ("2026-11-01", "Todos los Santos"),
    ("2026-12-06", "Día de la Constitución"),
    ("2026-12-08", "Inmaculada Concepción"),
    ("2026-12-25", "Natividad del Señor"),
)

_ES_ARAGON_EXTRA: tuple[tuple[str, str], ...] = (
    ("2026-04-02", "Jueves Santo"),
    ("2026-04-23", "San Jorge, Día de Aragón"),
)

HOLIDAY_NAMES: Mapping[date, str] = {
    date.fromisoformat(day): name for day, name in _ES_NATIONAL + _ES_ARAGON_EXTRA
}

ES_NATIONAL = HolidayCalendar.of("es-national", (date.fromisoformat(d) for d, _ in _ES_NATIONAL))
ES_ARAGON = ES_NATIONAL.merged(
    HolidayCalendar.of("aragon", (date.fromisoformat(d) for d, _ in _ES_ARAGON_EXTRA)),
    name="es-aragon",
)

CALENDARS: Mapping[str, HolidayCalendar] = {
    cal.name: cal for cal in (NO_HOLIDAYS, ES_NATIONAL, ES_ARAGON)
}
