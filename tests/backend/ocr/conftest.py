"""The photos of the plate tests live in each test's own attachment store."""

from tests.backend.attachments.conftest import backend_settings

__all__ = ["backend_settings"]
