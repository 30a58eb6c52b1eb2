"""The reports by name, each as the two halves rollups need: `collect` (the summary of a
period from the detail rows; as pieces per channel or queue when the filters ask for a
split, else the one piece ''), `finish` (the report from a summary, with the few live
figures that depend on the report's `now`) and `trim` (a merged summary cut to what the
report shows)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from backend.services.platform.reports import (
    bot,
    channels,
    duplicates,
    money,
    satisfaction,
    sla,
    technicians,
)
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.summary import Pieces, Summary
from backend.services.platform.uow import UnitOfWork


def _whole(summary: Summary) -> Summary:
    return summary


@dataclass(frozen=True)
class Part:
    collect: Callable[[UnitOfWork, Filters], Awaitable[Pieces]]
    finish: Callable[[UnitOfWork, Filters, Summary], Awaitable[dict[str, Any]]]
    trim: Callable[[Summary], Summary] = _whole


REPORTS: dict[str, Part] = {
    "sla": Part(sla.collect, sla.finish, sla.trim),
    "bot": Part(bot.collect, bot.finish),
    "channels": Part(channels.collect, channels.finish),
    "duplicates": Part(duplicates.collect, duplicates.finish),
    "technicians": Part(technicians.collect, technicians.finish),
    "money": Part(money.collect, money.finish),
    "satisfaction": Part(satisfaction.collect, satisfaction.finish),
}
