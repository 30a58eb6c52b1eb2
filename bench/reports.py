"""Reports speed: every report and list of services/platform/reports over a generated year
of a mid-size company (200,000 incidents, 2,000,000 messages; QUICK: 2,000 and 20,000), on
SQLite and on PostgreSQL, for the whole year, one month, 10 February - 20 November (whole
months and edge days: services/platform/reports/rollups.py) and the year narrowed to a
channel, to a queue, to both and to a customer; the reports read the daily rollups the
scheduler keeps (built in full the first time the year is used, then cached with it; a
customer is read from the detail rows). Each time is the median of
a few runs after a warm-up; the baseline, measured in the same process on the same
database, is one full count of the year's customer messages, and each report's time is
also printed as a ratio of it. The goal: the slowest report answers in <= 500 ms.

    python -m bench --part reports [--quick]
    python -m bench.reports [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import text

from backend.adapters.db import create_engine, session_factory
from backend.services.platform.reports import run as reports
from backend.services.platform.uow import UnitOfWorkFactory
from bench.reports_data import FULL, QUICK
from bench.reports_load import NOW, postgres_year, sqlite_year

GOAL_MS = 500.0
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
# whole months and edge days (rollups.py), and the year narrowed by a channel, a queue, both,
# and a customer (one with a contract: its SLA counts in the contract's business hours)
PERIODS = {"year": YEAR, "month": {"from": "2025-11-01", "to": "2025-11-30"},
           "days": {"from": "2025-02-10", "to": "2025-11-20"},
           "year-web": {**YEAR, "channel": "web"}, "year-urgent": {**YEAR, "queue": "urgent"},
           "year-web-urgent": {**YEAR, "channel": "web", "queue": "urgent"},
           "year-customer": {**YEAR, "customer": "C-00002"}}
BASELINE = ("SELECT count(*) FROM messages WHERE direction = 'in' "
            "AND created_at >= :a AND created_at < :b")


async def _median_ms(call: Callable[[], Awaitable[Any]], runs: int) -> float:
    await call()  # warm-up: caches, prepared statements
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def _measure(url: str, runs: int) -> dict[str, Any]:
    engine = create_engine(url)
    uows = UnitOfWorkFactory(session_factory(engine), lambda: NOW)
    since, until = datetime(2024, 12, 31, 23, tzinfo=UTC), datetime(2025, 12, 31, 23, tzinfo=UTC)
    if url.startswith("sqlite"):
        since, until = since.replace(tzinfo=None), until.replace(tzinfo=None)

    async def baseline() -> None:
        async with engine.connect() as conn:
            await conn.execute(text(BASELINE), {"a": since, "b": until})

    try:
        base = await _median_ms(baseline, runs)
        out: dict[str, Any] = {"baseline_ms": round(base, 1), "reports": {}}
        for period, query in PERIODS.items():
            for name in [*reports.REPORTS, *reports.LISTS]:
                ms = await _median_ms(partial(reports.report, uows, name, query), runs)
                out["reports"][f"{name}/{period}"] = {"ms": round(ms, 1),
                                                      "ratio": round(ms / base, 2)}
        slowest = max(out["reports"].items(), key=lambda kv: kv[1]["ms"])
        out["slowest"] = {"report": slowest[0], "ms": slowest[1]["ms"],
                          "within_goal": slowest[1]["ms"] <= GOAL_MS}
        return out
    finally:
        await engine.dispose()


ENGINES = {"sqlite": sqlite_year, "postgresql": postgres_year}


def run(quick: bool = False, progress: bool = False, runs: int = 3,
        engines: tuple[str, ...] = tuple(ENGINES)) -> dict[str, Any]:
    size = QUICK if quick else FULL
    result: dict[str, Any] = {"incidents": size.incidents, "messages": size.messages,
                              "goal_ms": GOAL_MS}
    for engine in engines:
        make = ENGINES[engine]
        if progress:
            print(f"reports: {engine} year of {size.key} (made once, cached)…", flush=True)
        url, seconds = make(size)
        if url is None:
            result[engine] = {"skipped": "no PostgreSQL on 127.0.0.1:5432"}
            continue
        measured = asyncio.run(_measure(url, runs))
        measured["generated_s"] = None if seconds is None else round(seconds, 1)
        result[engine] = measured
        if progress:
            print(table({engine: measured}), flush=True)
    return result


def table(result: dict[str, Any]) -> str:
    lines = []
    for engine, part in result.items():
        if not isinstance(part, dict) or "reports" not in part:
            continue
        lines.append(f"{engine}: baseline (count of the year's customer messages) "
                     f"{part['baseline_ms']} ms")
        lines.append(f"  {'report/period':<30}{'ms':>10}{'x base':>9}")
        for name, r in part["reports"].items():
            lines.append(f"  {name:<30}{r['ms']:>10}{r['ratio']:>9}")
        s = part["slowest"]
        lines.append(f"  slowest {s['report']} {s['ms']} ms: "
                     f"{'within' if s['within_goal'] else 'OVER'} {GOAL_MS:.0f} ms")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(table(run(args.quick, progress=False)))


if __name__ == "__main__":
    main()
