"""`make bench PART=reports QUICK=1` works: the quick year (2,000 incidents, 20,000 messages)
is generated into a scratch cache on SQLite, every report and list is timed on the year and
on a month, and the reports count what the generator wrote (nothing is timed against a
limit here: speed is the benchmark's business). The daily rollups are not built here (a year of days
takes minutes even at this size; reports read the detail rows until built): their figures
are tested in tests/backend/reports/test_rollups.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bench import reports, reports_load
from bench.reports_data import QUICK


def test_quick_mode_generates_caches_and_times_every_report(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.setattr(reports_load, "CACHE", tmp_path)

    async def unbuilt(uows: object) -> int:
        return 0

    monkeypatch.setattr(reports_load, "refresh_rollups", unbuilt)
    monkeypatch.setattr(reports, "PERIODS", {p: reports.PERIODS[p] for p in ("year", "month")})
    result = reports.run(quick=True, runs=1, engines=("sqlite",))
    part = result["sqlite"]
    names = {f"{n}/{p}" for n in ("sla", "bot", "channels", "duplicates", "technicians",
                                  "money", "satisfaction", "incidents", "conversations")
             for p in reports.PERIODS}
    assert set(part["reports"]) == names
    assert all(r["ms"] > 0 for r in part["reports"].values())
    assert part["generated_s"] is not None and part["slowest"]["report"] in names
    (cached,) = tmp_path.glob("reports-*.db")
    db = sqlite3.connect(cached)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("incidents", "messages", "sla_timers")}
    assert counts["incidents"] == QUICK.incidents and counts["messages"] == QUICK.messages
    unfilled = db.execute("SELECT count(*) FROM sla_timers WHERE met_at IS NOT NULL "
                          "AND business_seconds IS NULL").fetchone()[0]
    assert counts["sla_timers"] == 2 * QUICK.incidents and unfilled == 0  # as the scheduler
    again = reports.run(quick=True, runs=1, engines=("sqlite",))
    assert again["sqlite"]["generated_s"] is None  # the cached year is reused
    assert "sla/year" in reports.table(again)
