"""Routing rules as data: the first rule whose conditions all match sends the incident to
its queue (department); no match → the default queue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backend.domain.coverage.holidays import NO_HOLIDAYS, HolidayCalendar

# The facts a rule may test; each condition lists the accepted values.
MATCH_FIELDS = ("incident_type", "family", "service_type", "priority", "customer", "zone")


@dataclass(frozen=True)
class Supervisor:
    name: str
    language: str = "es"
    telegram_id: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Queue:
    id: str
    name: Mapping[str, str]
    supervisors: tuple[Supervisor, ...] = ()
    technicians: tuple[str, ...] = ()  # empty: every technician may be ranked
    ack_minutes: int = 15

    def admits(self, technician_id: str) -> bool:
        return not self.technicians or technician_id in self.technicians


@dataclass(frozen=True)
class Rule:
    name: str
    line: int
    queue: str
    when: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def matches(self, facts: Mapping[str, str | None]) -> bool:
        return all(facts.get(key) in values for key, values in self.when.items())


@dataclass(frozen=True)
class RoutingRules:
    queues: Mapping[str, Queue]
    rules: tuple[Rule, ...]
    default_queue: str
    ack_minutes: int = 15
    holidays: Mapping[str, HolidayCalendar] = field(default_factory=dict)  # zone → calendar
    max_open_jobs: int = 4

    def route(self, facts: Mapping[str, str | None]) -> tuple[Queue, Rule | None]:
        for rule in self.rules:
            if rule.matches(facts):
                return self.queues[rule.queue], rule
        return self.queues[self.default_queue], None

    def holidays_of(self, zone: str | None) -> HolidayCalendar:
        return self.holidays.get(zone or "", NO_HOLIDAYS)
