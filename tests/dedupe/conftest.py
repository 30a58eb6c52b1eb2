import pytest

from backend.domain.dedupe import DedupeConfig
from backend.services.dedupe.config import load_config


@pytest.fixture
def config() -> DedupeConfig:
    return load_config()
