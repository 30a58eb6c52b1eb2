"""Property: repeating a billing run for the same period adds nothing (service level, SQLite)."""

import asyncio
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import BillingDocumentRow, BillingKey, BillingLineRow, ContractVersion
from backend.services.billing.run import run_billing
from backend.services.platform.demo_load import load_directory
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.billing.conftest import DATA, REFERENCE
from tests.conftest import FakeClock, _in_thread

MODELS = (BillingDocumentRow, BillingLineRow, BillingKey, ContractVersion)


async def _counts(uows: UnitOfWorkFactory) -> tuple[int, ...]:
    async with uows() as uow:
        return tuple([(await uow.session.execute(select(func.count()).select_from(m)))
                      .scalar_one() for m in MODELS])


async def _scenario(url: str, periods: list[str], repeat: str) -> None:
    engine = create_engine(url)
    uows = UnitOfWorkFactory(session_factory(engine), FakeClock(REFERENCE))
    try:
        for period in periods:
            await run_billing(uows, period)
        before = await _counts(uows)
        result = await run_billing(uows, repeat)
        assert result["invoices"] == [] and result["renewals"] == []
        assert await _counts(uows) == before
    finally:
        await engine.dispose()


PERIOD = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2025, 2027), st.integers(1, 12))


def test_repeated_run_adds_nothing(sqlite_template: Path, tmp_path: Path) -> None:
    loaded = tmp_path / "loaded.db"
    shutil.copy(sqlite_template, loaded)
    _in_thread(lambda: asyncio.run(load_directory(f"sqlite+aiosqlite:///{loaded}", DATA)))

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(periods=st.lists(PERIOD, min_size=1, max_size=3), pick=st.integers(0, 2))
    def check(periods: list[str], pick: int) -> None:
        work = tmp_path / "work.db"
        shutil.copy(loaded, work)
        _in_thread(lambda: asyncio.run(_scenario(f"sqlite+aiosqlite:///{work}", periods,
                                                 periods[pick % len(periods)])))

    check()
