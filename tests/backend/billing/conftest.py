"""Billing tests run on the full demo data (data/*.yml) at the demo's reference week:
Tuesday 24 November 2026, 10:00 in Madrid."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from backend.services.platform.demo_load import load_directory
from tests.backend.helpers import inbound, report_incident, uows_over
from tests.conftest import FakeClock

DATA = Path(__file__).resolve().parents[3] / "data"
REFERENCE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 10:00 in Madrid


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(REFERENCE)


@pytest.fixture
async def demo_data(db_url: str) -> str:
    await load_directory(db_url, DATA)
    return db_url


@pytest.fixture
async def api(demo_data: str, backend_client: Any) -> Any:
    return backend_client


@pytest.fixture
async def uows(demo_data: str, clock: FakeClock) -> Any:
    async with uows_over(demo_data, clock) as factory:
        yield factory


async def conversation(api: Any, address: str = "+34976123456", channel: str = "sms") -> str:
    """Verified on creation: Marta (C-1001, es) by default."""
    return str((await inbound(api, channel, address))["conversation_id"])


async def report(api: Any, cid: str, serial: str, priority: str = "medium") -> dict[str, Any]:
    body = await report_incident(
        api, cid, {"serial": serial, "symptom": "no arranca", "priority": priority})
    return dict(body)
