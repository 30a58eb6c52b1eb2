"""Failures of the bot-improvement loop (boundary: services → api, mapped by class).

    AvisaError
    ├── InvalidRequest → NluInvalid     bad label, bad filter (400)
    ├── NotFound       → NluNotFound    no such message or model (404)
    ├── Conflict       → NluBusy        a training already runs; model not ready (409)
    └── NluRasaError                    a Rasa replica refused or did not answer (400)
"""

from __future__ import annotations

from backend.domain.errors import AvisaError, Conflict, InvalidRequest, NotFound


class NluInvalid(InvalidRequest):
    pass


class NluNotFound(NotFound):
    pass


class NluBusy(Conflict):
    pass


class NluRasaError(AvisaError):
    pass
