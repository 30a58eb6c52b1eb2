"""The attachment store of each test lives in its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.config import Settings


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str], tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, tokens=tokens, attachments_dir=tmp_path / "files",
                    attachment_key=b"test-attachment-key")
