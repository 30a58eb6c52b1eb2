"""Dispatch tests over the backend's demo fixtures with an 8x5 contract (mon-fri
09:00-17:00 Madrid, Spanish national holidays; response 4 h, resolution 16 h for medium
priority), a second technician T-02 (SMS), a settable clock and a unit-of-work factory on that
clock.

Integration tests here run on SQLite and PostgreSQL (`db_url`); the PostgreSQL variant
carries the `postgres` marker, so `-m "not postgres"` runs SQLite alone."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.services.platform.demo_load import load_directory
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.conftest import DEMO
from tests.backend.helpers import uows_over
from tests.conftest import FakeClock

EIGHT_BY_FIVE = {"timezone": "Europe/Madrid", "schedule": "mon-fri 09:00-17:00",
                 "holidays": "es-national"}
SECOND_TECHNICIAN = {"id": "T-02", "name": "Nuria Sanz", "zone": "aragon",
                     "skills": ["compressor", "hvac"], "category": "senior",
                     "phone": "+34600333444", "email": None, "telegram_id": None,
                     "shift": {"timezone": "Europe/Madrid", "schedule": "24x7"}}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        spec = getattr(item, "callspec", None)
        if (spec is not None and spec.params.get("db_url") == "postgresql"
                and here in Path(str(item.fspath)).parents):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
async def desk_db(db_url: str, tmp_path: Path) -> str:
    """The demo fixtures, contract CT-0001 on 8x5 covered hours, a second technician."""
    data = tmp_path / "demo"
    shutil.copytree(DEMO, data)
    doc = yaml.safe_load((data / "contracts.yml").read_text(encoding="utf-8"))
    contract = doc["contracts"][0]
    contract["covered_hours"] = EIGHT_BY_FIVE
    contract["response_hours"] = {"critical": 2, "high": 4, "medium": 4, "low": 8}
    contract["resolution_hours"] = {"critical": 8, "high": 16, "medium": 16, "low": 40}
    (data / "contracts.yml").write_text(yaml.safe_dump(doc, allow_unicode=True),
                                        encoding="utf-8")
    techs = yaml.safe_load((data / "technicians.yml").read_text(encoding="utf-8"))
    techs["technicians"].append(SECOND_TECHNICIAN)
    (data / "technicians.yml").write_text(yaml.safe_dump(techs, allow_unicode=True),
                                          encoding="utf-8")
    await load_directory(db_url, data)
    return db_url


@pytest.fixture
async def desk(desk_db: str, backend_client: Any) -> Any:
    """The backend test client over the 8x5 demo data (its clock is `clock`)."""
    return backend_client


@pytest.fixture
async def uows(desk_db: str, clock: FakeClock) -> AsyncIterator[UnitOfWorkFactory]:
    async with uows_over(desk_db, clock) as factory:
        yield factory
