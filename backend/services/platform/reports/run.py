"""One entry point for the API: run a named report or list on the filters of a query, in
one read-only unit of work, as JSON or as CSV. A report is finished from its summary: the
daily rollups' when they answer the filters (rollups.py), else collected from the detail
rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from backend.domain.errors import NotFound
from backend.services.platform.reports import rollups as rolled
from backend.services.platform.reports.catalog import REPORTS
from backend.services.platform.reports.drill import conversation_list, incident_list
from backend.services.platform.reports.export import to_csv
from backend.services.platform.reports.filters import COMPANY_TZ, parse_filters
from backend.services.platform.uow import UnitOfWorkFactory

LISTS = {"incidents": incident_list, "conversations": conversation_list}
__all__ = ["LISTS", "REPORTS", "report", "report_csv"]


def _personal(query: Mapping[str, str]) -> bool:
    """Personal data only when asked for in so many words: personal=yes."""
    return query.get("personal") == "yes"


async def report(uows: UnitOfWorkFactory, name: str, query: Mapping[str, str],
                 rollups: bool = True, every_row: bool = False) -> dict[str, Any]:
    """`rollups` False: from the detail rows whatever the rollups hold (tests compare).
    `every_row`: long tables in full, not cut at their cap (the CSV export)."""
    async with uows() as uow:
        f = replace(parse_filters(query, uow.clock().astimezone(COMPANY_TZ).date()),
                    every_row=every_row)
        if name in REPORTS:
            part = REPORTS[name]
            summary = await rolled.read(uow, name, f) if rollups else None
            if summary is None:
                summary = (await part.collect(uow, f)).get("", {})
            else:  # the SLA's overdue timers up to the rollups' cutoff are in the summary
                f = replace(f, cutoff=await rolled.cutoff(uow))
            body = await part.finish(uow, f, summary)
        elif name in LISTS:
            body = await LISTS[name](uow, f, query, _personal(query))
        else:
            raise NotFound(f"no report {name!r}: one of {', '.join([*REPORTS, *LISTS])}",
                           id=name)
        return {"report": name, "filters": f.echo(), **body}


async def report_csv(uows: UnitOfWorkFactory, name: str, query: Mapping[str, str]) -> str:
    return to_csv(await report(uows, name, query, every_row=True))
