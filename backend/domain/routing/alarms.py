"""Inductive alarms (pure): which open alarm incident an event belongs to, and whether a
repeat inside the window is only counted.

An alarm opens an incident unless one is open for the same equipment and code; a repeat
within `window` of the previous one is counted on it and nobody is told again; a later
repeat is counted and noted; a recovery resolves the open incident."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_WINDOW = timedelta(minutes=30)
SEVERITIES = ("info", "warning", "minor", "major", "critical")
PRIORITY_OF = {"info": "low", "warning": "medium", "minor": "medium", "major": "high",
               "critical": "critical"}


class Step(StrEnum):
    OPEN = "open"        # a new inductive incident
    COUNT = "count"      # repeat inside the window: counted only
    REPEAT = "repeat"    # repeat after the window: counted and noted on the incident
    RESOLVE = "resolve"  # recovery of an open alarm
    IGNORE = "ignore"    # recovery with nothing open


@dataclass(frozen=True)
class OpenAlarm:
    incident_id: str
    count: int
    last_at: datetime


def key(equipment_id: str, code: str) -> str:
    return f"{equipment_id}/{code.strip().upper()}"


def step(open_alarm: OpenAlarm | None, at: datetime, recovery: bool,
         window: timedelta = DEFAULT_WINDOW) -> Step:
    if recovery:
        return Step.RESOLVE if open_alarm is not None else Step.IGNORE
    if open_alarm is None:
        return Step.OPEN
    return Step.COUNT if at - open_alarm.last_at <= window else Step.REPEAT
