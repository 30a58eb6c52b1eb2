"""Satisfaction (issue 20 §4): the ratings customers gave after their jobs, answered in the
period — CSAT (the share of 4s and 5s), the average score and how many asked a person to
follow up (≤ 2), overall and by technician, customer, channel and local month; and how many
of the questions asked in the period were answered."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import Integer, case, func, select

from backend.adapters.orm.satisfaction import SatisfactionSurvey
from backend.domain.satisfaction import LOW
from backend.services.platform.reports.filters import Filters
from backend.services.platform.reports.scope import pieces, ratio
from backend.services.platform.reports.summary import Pieces, Summary, add, key, piece
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


def _figures(scores: dict[str, int]) -> dict[str, Any]:
    """From the count of each score given."""
    counts = {int(s): n for s, n in scores.items()}
    n = sum(counts.values())
    return {"ratings": n,
            "csat": ratio(sum(k for s, k in counts.items() if s >= SATISFIED), n),
            "average": round(sum(s * k for s, k in counts.items()) / n, 2) if n else None,
            "low": sum(k for s, k in counts.items() if s <= LOW)}


GROUPS = {"by_technician": "technician", "by_customer": "customer", "by_channel": "channel",
          "by_month": "month"}


def _split(query: Any, f: Filters, grouped: bool = True) -> Any:
    """Split per channel; no queue narrows the ratings (a channel's pieces count in every
    queue of the channel)."""
    if f.split == "pair":
        f = replace(f, split="channel")
    return pieces(query, f, S.channel, S.id, "", grouped)


async def collect(uow: UnitOfWork, f: Filters) -> Pieces:
    """Scores given in the period per technician, customer, channel and local month (counted
    per score); questions asked in the period and how many of them were answered."""
    out: Pieces = {}
    rows = (await uow.session.execute(_split(
        select(S.technician_id, S.customer_code, S.channel, S.answered_at, S.score)
        .where(S.answered_at >= f.since, S.answered_at < f.until, S.score.is_not(None),
               *_narrow(f)), f, grouped=False))).all()
    for r in rows:
        keys = {"all": "", "by_technician": key(r.technician_id),
                "by_customer": key(r.customer_code), "by_channel": key(r.channel),
                "by_month": r.answered_at.astimezone(f.tz).strftime("%Y-%m")}
        for group, k in keys.items():
            add(piece(out, r), ("scores", group, k, str(r.score)), 1)
    answered = func.sum(case((S.answered_at.is_not(None), 1), else_=0), type_=Integer)
    asked = (await uow.session.execute(_split(
        select(func.count().label("asked"), answered.label("answered")).select_from(S)
        .where(S.asked_at >= f.since, S.asked_at < f.until, *_narrow(f)), f))).all()
    for r in asked:
        if r.asked:
            add(piece(out, r), ("asked",), [r.asked, r.answered or 0])
    return out


async def finish(uow: UnitOfWork, f: Filters, summary: Summary) -> dict[str, Any]:
    scores = summary.get("scores", {})
    asked, answered = summary.get("asked", [0, 0])
    return {
        "overall": {**_figures(scores.get("all", {}).get("", {})), "asked": asked,
                    "response_rate": ratio(answered, asked)},
        **{group: [{name: k or "-", **_figures(v)}
                   for k, v in sorted(scores.get(group, {}).items())]
           for group, name in GROUPS.items()},
    }

