"""One entry point for the API: run a named report or list on the filters of a query, in
one read-only unit of work, as JSON or as CSV."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from backend.domain.errors import NotFound
from backend.services.platform.reports.bot import bot_report
from backend.services.platform.reports.channels import channels_report
from backend.services.platform.reports.drill import conversation_list, incident_list
from backend.services.platform.reports.duplicates import duplicates_report
from backend.services.platform.reports.export import to_csv
from backend.services.platform.reports.filters import COMPANY_TZ, Filters, parse_filters
from backend.services.platform.reports.money import money_report
from backend.services.platform.reports.satisfaction import satisfaction_report
from backend.services.platform.reports.sla import sla_report
from backend.services.platform.reports.technicians import technicians_report
from backend.services.platform.uow import UnitOfWork, UnitOfWorkFactory

Report = Callable[[UnitOfWork, Filters], Awaitable[dict[str, Any]]]
REPORTS: dict[str, Report] = {
    "sla": sla_report, "bot": bot_report, "channels": channels_report,
    "duplicates": duplicates_report, "technicians": technicians_report, "money": money_report,
    "satisfaction": satisfaction_report,
}
LISTS = {"incidents": incident_list, "conversations": conversation_list}


def _personal(query: Mapping[str, str]) -> bool:
    """Personal data only when asked for in so many words: personal=yes."""
    return query.get("personal") == "yes"


async def report(uows: UnitOfWorkFactory, name: str, query: Mapping[str, str]
                 ) -> dict[str, Any]:
    async with uows() as uow:
        f = parse_filters(query, uow.clock().astimezone(COMPANY_TZ).date())
        if name in REPORTS:
            body = await REPORTS[name](uow, f)
        elif name in LISTS:
            body = await LISTS[name](uow, f, query, _personal(query))
        else:
            raise NotFound(f"no report {name!r}: one of {', '.join([*REPORTS, *LISTS])}",
                           id=name)
        return {"report": name, "filters": f.echo(), **body}


async def report_csv(uows: UnitOfWorkFactory, name: str, query: Mapping[str, str]) -> str:
    return to_csv(await report(uows, name, query))
