"""Fixtures: the provider stack (real backend, fake Rasa), for the tests that ingest mail
through the gateway's pipeline."""

from tests.channels.provider_fixtures import live, stack

__all__ = ["live", "stack"]
