"""The action tests that call the real backend use its demo database and their own
attachment store (photos). The actions speak HTTP only: one database engine (SQLite) is
enough here; the backend's own tests run on both."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.backend.attachments.conftest import backend_settings
from tests.backend.conftest import client, demo_db
from tests.conftest import _sqlite_url

__all__ = ["backend_settings", "client", "db_url", "demo_db"]


@pytest.fixture
async def db_url(tmp_path: Path, sqlite_template: Path) -> AsyncIterator[str]:
    path = tmp_path / "avisa.db"
    shutil.copy(sqlite_template, path)
    yield _sqlite_url(path)
