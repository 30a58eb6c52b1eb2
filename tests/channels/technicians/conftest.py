"""Fixtures: the provider stack (real backend, fake Rasa, Telegram and Twilio fakes)."""

from tests.channels.provider_fixtures import live, stack

__all__ = ["live", "stack"]
