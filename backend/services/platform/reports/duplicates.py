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
from backend.services.platform.reports.scope import incident_scope, pieces, ratio
from backend.services.platform.reports.summary import Pieces, Summary, add, key, piece, unkey
from backend.services.platform.uow import UnitOfWork

DECISIONS = ("new", "merged", "confirmed", "declined")


def _split(query: Any, f: Filters) -> Any:
    return pieces(query, f, Incident.channel, Incident.id, "incident")


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    """Reports per decision and channel pair; agents' merges and splits (not undone) per
    channel pair."""
    out: Pieces = {}
    reports = (await uow.session.execute(_split(
        select(IncidentReport.decision, Incident.channel.label("first"),
               IncidentReport.channel.label("second"), func.count().label("n"))
        .join(Incident, Incident.id == IncidentReport.incident_id)
        .where(*incident_scope(f))
        .group_by(IncidentReport.decision, Incident.channel, IncidentReport.channel), f))).all()
    for r in reports:
        add(piece(out, r), ("reports", key(r.decision), key(r.first), key(r.second)), r.n)
    other = aliased(Incident)
    manual = (await uow.session.execute(_split(
        select(IncidentMerge.kind, Incident.channel.label("first"),
               other.channel.label("second"), func.count().label("n"))
        .join(Incident, Incident.id == IncidentMerge.target_id)
        .join(other, other.id == IncidentMerge.source_id)
        .where(*incident_scope(f), IncidentMerge.undone_at.is_(None))
        .group_by(IncidentMerge.kind, Incident.channel, other.channel), f))).all()
    for r in manual:
        add(piece(out, r), ("manual", key(r.kind), key(r.first), key(r.second)), r.n)
    return out


def _pairs(tree: dict[str, dict[str, dict[str, int]]]) -> list[tuple[str, str, str, int]]:
    return [(kind, a, b, n) for kind, firsts in tree.items() for a, seconds in firsts.items()
            for b, n in seconds.items()]


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    totals = dict.fromkeys(DECISIONS, 0)
    pairs: dict[tuple[str | None, str | None], dict[str, int]] = {}

    def pair(a: str, b: str) -> dict[str, int]:
        return pairs.setdefault((unkey(a), unkey(b)), {"merged": 0, "confirmed": 0,
                                                       "declined": 0, "agent_merged": 0,
                                                       "split": 0})

    for decision, a, b, n in _pairs(summary.get("reports", {})):
        totals[decision] = totals.get(decision, 0) + n
        if decision != "new":
            cell = pair(a, b)
            cell[decision] = cell.get(decision, 0) + n
    agent = {"merge": 0, "split": 0}
    for kind, a, b, n in _pairs(summary.get("manual", {})):
        agent[kind] = agent.get(kind, 0) + n
        pair(a, b)["agent_merged" if kind == "merge" else "split"] += n
    joined = totals["merged"] + totals["confirmed"] + agent["merge"]
    return {
        "reports": totals,
        "asked": totals["confirmed"] + totals["declined"],
        "agent_merged": agent["merge"], "split_back": agent["split"],
        "false_merge_rate": ratio(agent["split"], joined),
        "by_channel_pair": [{"first": a, "second": b, **c}
                            for (a, b), c in sorted(pairs.items(),
                                                    key=lambda kv: (kv[0][0] or "",
                                                                    kv[0][1] or ""))],
    }

