"""The calendar of the rollups (rollups.py): a period cut into whole years, months, quarters
and tenths of a month (1-10, 11-20, 21-end), and the days left at its edges. Pure."""

from __future__ import annotations

from datetime import date, timedelta


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def quarter_of(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def whole_quarters(months: list[date]) -> tuple[list[date], list[date]]:
    """The whole quarters among `months` (their first days) and the months left."""
    have = set(months)
    whole = sorted({q for q in map(quarter_of, months)
                    if {q, next_month(q), next_month(next_month(q))} <= have})
    return whole, [m for m in months if quarter_of(m) not in whole]


def tenth_of(day: date) -> tuple[date, date]:
    """The first and last day of the tenth of a month (1-10, 11-20, 21-end) holding `day`."""
    if day.day <= 20:
        first = day.replace(day=1 if day.day <= 10 else 11)
        return first, first + timedelta(days=9)
    return day.replace(day=21), next_month(day) - timedelta(days=1)


def whole_tenths(a: date, b: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The whole tenths within [a, b] (their first days) and the day ranges left."""
    tenths, days, day = [], [], a
    while day <= b:
        first, last = tenth_of(day)
        if day == first and last <= b:
            tenths.append(first)
        else:
            last = min(last, b)
            days.append((day, last))
        day = last + timedelta(days=1)
    return tenths, days


def split_period(start: date, end: date
           ) -> tuple[list[date], list[date], list[date], list[tuple[date, date]]]:
    """The whole years, the other whole months and the other whole tenths of a month within
    [start, end] (their first days), and the day ranges left."""
    months, first = [], month_of(start) if start.day == 1 else next_month(start)
    while next_month(first) - timedelta(days=1) <= end:
        months.append(first)
        first = next_month(first)
    if not months:
        return [], [], *whole_tenths(start, end)
    edges = [(start, months[0] - timedelta(days=1)),
             (next_month(months[-1]), end)]
    years = sorted({m.year for m in months
                    if date(m.year, 1, 1) in months and date(m.year, 12, 1) in months})
    months = [m for m in months if m.year not in years]
    tenths: list[date] = []
    days: list[tuple[date, date]] = []
    for a, b in edges:
        if a <= b:
            whole, left = whole_tenths(a, b)
            tenths += whole
            days += left
    return [date(y, 1, 1) for y in years], months, tenths, days
