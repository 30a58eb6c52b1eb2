"""Exceptions raised by the gateway, one hierarchy per boundary.

GatewayError
├── ConfigError            settings missing or malformed at start
├── BackendError           talking to the backend API failed
│   ├── BackendUnavailable   connection refused, timeout or 5xx
│   ├── BackendRejected      4xx answer; carries status, code and message
│   └── BackendProtocolError the answer was not the JSON the contract promises
├── RasaError              talking to Rasa's REST channel failed
│   ├── RasaUnavailable      connection refused, timeout or non-2xx
│   └── RasaProtocolError    the answer was not a list of bot messages
├── DeliveryError          a sender could not deliver an outbox row
└── InvalidInput           a client sent something the gateway will not accept
"""

from __future__ import annotations


class GatewayError(Exception):
    """Base of every error the gateway raises on purpose."""


class ConfigError(GatewayError):
    """A setting is missing or malformed."""


class BackendError(GatewayError):
    """The backend API could not be used."""


class BackendUnavailable(BackendError):
    """The backend did not answer, timed out or answered 5xx."""


class BackendRejected(BackendError):
    """The backend answered 4xx with its error envelope."""

    def __init__(self, status: int, code: str, message: str,
                 details: dict[str, object] | None = None) -> None:
        super().__init__(f"backend refused ({status} {code}): {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}  # the envelope's other fields (e.g. an attachment's reply)


class BackendProtocolError(BackendError):
    """The backend answered with JSON that breaks the contract."""


class RasaError(GatewayError):
    """Rasa's REST channel could not be used."""


class RasaUnavailable(RasaError):
    """Rasa did not answer, timed out or answered non-2xx."""


class RasaProtocolError(RasaError):
    """Rasa answered with something other than a list of bot messages."""


class DeliveryError(GatewayError):
    """A sender could not deliver an outbox row (the backend will retry)."""


class InvalidInput(GatewayError):
    """A client sent input the gateway refuses; ``code`` is snake_case."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
