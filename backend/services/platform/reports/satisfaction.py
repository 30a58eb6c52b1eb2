"""Satisfaction (issue 20 §4): the ratings customers gave after their jobs, answered in the
period — CSAT (the share of 4s and 5s), the average score and how many asked a person to
follow up (≤ 2), overall and by technician, customer, channel and local month; and how many
of the questions asked in the period were answered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select

from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.domain.satisfaction import LOW
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import ratio
from backend.services.platform.uow import UnitOfWork

S = SatisfactionSurvey
SATISFIED = 4  # a 4 or a 5 counts towards CSAT


def _narrow(f: Filters) -> list[Any]:
    where = []
    if f.customer:
        where.append(S.customer_code == f.customer)
    if f.channel:
        where.append(S.channel == f.channel)
    return where


def _figures(scores: list[int]) -> dict[str, Any]:
    n = len(scores)
    return {"ratings": n, "csat": ratio(sum(s >= SATISFIED for s in scores), n),
            "average": round(sum(scores) / n, 2) if n else None,
            "low": sum(s <= LOW for s in scores)}


def _by(rows: Sequence[Any], key: Callable[[Any], str | None], name: str) -> list[dict[str, Any]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        groups[key(row) or "-"].append(row.score)
    return [{name: k, **_figures(v)} for k, v in sorted(groups.items())]


async def satisfaction_report(uow: UnitOfWork, f: Filters) -> dict[str, Any]:
    rows = (await uow.session.execute(
        select(S.technician_id, S.customer_code, S.channel, S.answered_at, S.score)
        .where(S.answered_at >= f.since, S.answered_at < f.until, S.score.is_not(None),
               *_narrow(f)))).all()
    asked = await uow.session.scalar(select(func.count()).select_from(S).where(
        S.asked_at >= f.since, S.asked_at < f.until, *_narrow(f))) or 0
    answered = await uow.session.scalar(select(func.count()).select_from(S).where(
        S.asked_at >= f.since, S.asked_at < f.until, S.answered_at.is_not(None),
        *_narrow(f))) or 0
    return {
        "overall": {**_figures([r.score for r in rows]), "asked": asked,
                    "response_rate": ratio(answered, asked)},
        "by_technician": _by(rows, lambda r: r.technician_id, "technician"),
        "by_customer": _by(rows, lambda r: r.customer_code, "customer"),
        "by_channel": _by(rows, lambda r: r.channel, "channel"),
        "by_month": _by(rows, lambda r: r.answered_at.astimezone(f.tz).strftime("%Y-%m"),
                        "month"),
    }
