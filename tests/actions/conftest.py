"""The action tests that call the real backend use its demo database and their own
attachment store (photos)."""

from tests.backend.attachments.conftest import backend_settings
from tests.backend.conftest import client, demo_db

__all__ = ["backend_settings", "client", "demo_db"]
