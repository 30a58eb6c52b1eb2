"""Reports tests: the test demo data (tests/backend/fixtures/demo) plus the hand-made
December 2025 of fixture.py, on SQLite and PostgreSQL, with the clock at fixture.NOW."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from backend.adapters.db import create_engine, session_factory
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.reports import fixture
from tests.conftest import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(fixture.NOW)


@pytest.fixture
async def uows(demo_db: str, clock: FakeClock) -> AsyncIterator[UnitOfWorkFactory]:
    engine = create_engine(demo_db)
    factory = UnitOfWorkFactory(session_factory(engine), clock)
    await fixture.load(factory)
    yield factory
    await engine.dispose()


@pytest.fixture
async def api(uows: UnitOfWorkFactory, backend_client: Any) -> Any:
    """The backend over the fixture (built before the client, on the same database)."""
    return backend_client
