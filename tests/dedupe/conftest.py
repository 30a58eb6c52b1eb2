import pytest

from backend.services.dedupe.config import load_config
from backend.domain.dedupe import DedupeConfig


@pytest.fixture
def config() -> DedupeConfig:
    return load_config()
