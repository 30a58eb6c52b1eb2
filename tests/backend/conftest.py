"""Backend test helpers: demo data loaded into the test database, auth headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.services.platform.demo_load import load_directory

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = FIXTURES / "demo"


@pytest.fixture
async def demo_db(db_url: str) -> str:
    await load_directory(db_url, DEMO)
    return db_url


@pytest.fixture
def auth(tokens: dict[str, str]) -> Any:
    def headers(role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[role]}"}

    return headers


@pytest.fixture
async def client(demo_db: str, backend_client: Any) -> Any:
    """The backend test client over a database holding tests/backend/fixtures/demo."""
    return backend_client
