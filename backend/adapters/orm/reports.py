"""The reports' daily rollups (services/platform/reports/rollups.py): one summary of counts
per report, filter scope and local day (and per month, the sum of its days); the days
marked changed by the database's triggers (migration 0017_report_rollups), which the
scheduler refreshes; and when the rollups were last built in full."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.adapters.orm.base import Base
from backend.adapters.types import UTCDateTime


class ReportRollup(Base):
    """A report's summary (JSON) of one local day (`unit` 'day'), month ('month') or year
    ('year'; `day` their first day), for one filter scope ('' none, 'channel:web',
    'queue:urgent')."""

    __tablename__ = "report_rollups"

    report: Mapped[str] = mapped_column(String(20), primary_key=True)
    scope: Mapped[str] = mapped_column(String(60), primary_key=True)
    unit: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class ReportDirtyDay(Base):
    """A UTC day whose rows changed (written by triggers in the changing transaction); the
    local days it touches are rebuilt on the next scheduler tick, then the mark deleted."""

    __tablename__ = "report_dirty_days"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)


class ReportRollupState(Base):
    """'built': when every day was last built in full (`avisa reports rebuild`); until
    then reports read the detail rows."""

    __tablename__ = "report_rollup_state"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
