"""Duplicates: reports merged into an open incident by the duplicate check, asked about
("is this about INC-…?": confirmed or declined by the customer), merged by agents, and
split back by agents (the false merges, undone splits not counted), by channel pair
(the incident's first channel → the report's or the other incident's channel)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from backend.adapters.orm import Incident, IncidentMerge, IncidentReport
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import incident_scope, ratio
from backend.services.platform.uow import UnitOfWork

DECISIONS = ("new", "merged", "confirmed", "declined")


async def duplicates_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    reports = (await uow.session.execute(
        select(IncidentReport.decision, Incident.channel.label("first"),
               IncidentReport.channel.label("second"), func.count().label("n"))
        .join(Incident, Incident.id == IncidentReport.incident_id)
        .where(*incident_scope(f))
        .group_by(IncidentReport.decision, Incident.channel, IncidentReport.channel))).all()
    totals = dict.fromkeys(DECISIONS, 0)
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for r in reports:
        totals[r.decision] = totals.get(r.decision, 0) + r.n
        if r.decision != "new":
            pair = pairs.setdefault((r.first, r.second), {"merged": 0, "confirmed": 0,
                                                          "declined": 0, "agent_merged": 0,
                                                          "split": 0})
            pair[r.decision] = pair.get(r.decision, 0) + r.n
    other = aliased(Incident)
    manual = (await uow.session.execute(
        select(IncidentMerge.kind, Incident.channel.label("first"),
               other.channel.label("second"), func.count().label("n"))
        .join(Incident, Incident.id == IncidentMerge.target_id)
        .join(other, other.id == IncidentMerge.source_id)
        .where(*incident_scope(f), IncidentMerge.undone_at.is_(None))
        .group_by(IncidentMerge.kind, Incident.channel, other.channel))).all()
    agent = {"merge": 0, "split": 0}
    for r in manual:
        agent[r.kind] = agent.get(r.kind, 0) + r.n
        pair = pairs.setdefault((r.first, r.second), {"merged": 0, "confirmed": 0,
                                                      "declined": 0, "agent_merged": 0,
                                                      "split": 0})
        pair["agent_merged" if r.kind == "merge" else "split"] += r.n
    joined = totals["merged"] + totals["confirmed"] + agent["merge"]
    return {
        "reports": totals,
        "asked": totals["confirmed"] + totals["declined"],
        "agent_merged": agent["merge"], "split_back": agent["split"],
        "false_merge_rate": ratio(agent["split"], joined),
        "by_channel_pair": [{"first": a, "second": b, **c}
                            for (a, b), c in sorted(pairs.items())],
    }
