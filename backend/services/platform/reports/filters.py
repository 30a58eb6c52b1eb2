"""The filters every report takes: a period of local dates (the company's time zone), and
optionally a customer, a channel and a queue. Bad values are InvalidRequest (400)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backend.domain.channels import CHANNELS
from backend.domain.errors import InvalidRequest

COMPANY_TZ = ZoneInfo("Europe/Madrid")
DEFAULT_DAYS = 30
MAX_DAYS = 366 * 2
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Filters:
    """[start, end] local dates (both included) and the optional narrowing filters."""

    start: date
    end: date
    customer: str | None = None
    channel: str | None = None
    queue: str | None = None
    tz: ZoneInfo = COMPANY_TZ
    split: str | None = None  # 'channel' or 'pair': counted per scope (rollup_scopes.py)
    cutoff: datetime | None = None  # unmet timers due by then are counted as overdue
    every_row: bool = False  # long tables in full (the CSV export), not cut at their cap

    @property
    def since(self) -> datetime:
        """The first instant of the period, in UTC."""
        return datetime.combine(self.start, time(0), tzinfo=self.tz).astimezone(UTC)

    @property
    def until(self) -> datetime:
        """The first instant after the period, in UTC."""
        nxt = self.end + timedelta(days=1)
        return datetime.combine(nxt, time(0), tzinfo=self.tz).astimezone(UTC)

    def echo(self) -> dict[str, str | None]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(),
                "customer": self.customer, "channel": self.channel, "queue": self.queue}


def _date(raw: str, name: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidRequest(f"{name}: expected a date YYYY-MM-DD, got {raw[:20]!r}") from exc


def _code(raw: str | None, name: str) -> str | None:
    if not raw:
        return None
    if not _CODE.match(raw):
        raise InvalidRequest(f"{name}: letters, digits, '.', '_' or '-' (at most 40)")
    return raw


def parse_filters(query: Mapping[str, str], today: date) -> Filters:
    """Filters from query parameters `from`, `to`, `customer`, `channel`, `queue`; the last
    30 days up to `today` when no period is given."""
    end = _date(query["to"], "to") if query.get("to") else today
    start = (_date(query["from"], "from") if query.get("from")
             else end - timedelta(days=DEFAULT_DAYS - 1))
    if start > end:
        raise InvalidRequest("from: the period starts after it ends")
    if (end - start).days >= MAX_DAYS:
        raise InvalidRequest(f"the period is longer than {MAX_DAYS} days")
    channel = query.get("channel") or None
    if channel is not None and channel not in CHANNELS:
        raise InvalidRequest(f"channel must be one of {', '.join(sorted(CHANNELS))}")
    return Filters(start, end, _code(query.get("customer"), "customer"), channel,
                   _code(query.get("queue"), "queue"))
