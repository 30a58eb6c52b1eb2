"""Maintenance plans (pure): when preventive visits or continuous-service work items fall
due — every N weeks, every N months, or an iCalendar RRULE — and which ones to generate now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rrulestr

from backend.domain.routing.errors import RoutingError


@dataclass(frozen=True)
class Plan:
    id: str
    equipment_ids: tuple[str, ...]
    start: date
    contract_id: str | None = None
    every_weeks: int | None = None
    every_months: int | None = None
    rrule: str | None = None
    lead_days: int = 14
    service_type: str = "preventive"  # preventive | conductive
    slots: tuple[str, ...] = ("09:00-11:00", "11:00-13:00", "16:00-18:00")
    task: str = "revisión preventiva / preventive maintenance"

    def __post_init__(self) -> None:
        given = [x for x in (self.every_weeks, self.every_months, self.rrule) if x]
        if len(given) != 1:
            raise RoutingError(f"plan {self.id}: give exactly one of every_weeks, "
                               "every_months, rrule")
        if self.service_type not in ("preventive", "conductive"):
            raise RoutingError(f"plan {self.id}: service_type is preventive or conductive")


def occurrences(plan: Plan, first: date, last: date) -> list[date]:
    """Due dates of `plan` within [first, last]."""
    begin = datetime.combine(plan.start, time())
    if plan.rrule:
        try:
            rule = rrulestr(plan.rrule, dtstart=begin)
        except (ValueError, TypeError) as exc:
            raise RoutingError(f"plan {plan.id}: bad rrule {plan.rrule!r}: {exc}") from exc
    elif plan.every_weeks:
        rule = rrule(WEEKLY, interval=plan.every_weeks, dtstart=begin)
    else:
        rule = rrule(MONTHLY, interval=plan.every_months or 1, dtstart=begin)
    lo, hi = datetime.combine(first, time()), datetime.combine(last, time())
    return [d.date() for d in rule.between(lo, hi, inc=True)]


def due_now(plan: Plan, today: date) -> list[date]:
    """The occurrences to generate today: those within the plan's lead time."""
    return occurrences(plan, today, today + timedelta(days=plan.lead_days))
