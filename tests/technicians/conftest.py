"""The provider stack for the technician scenarios (real backend, gateway, fake Telegram
and Twilio): the gateway tests' own fixtures (tests/channels/provider_fixtures.py)."""

from tests.channels.provider_fixtures import backend_template, live, rasa, stack

__all__ = ["backend_template", "live", "rasa", "stack"]
