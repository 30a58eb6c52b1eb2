"""Failures of the bot-improvement loop (boundary: services → api, mapped by class). A Rasa
replica that refuses or does not answer raises `RasaUnavailable` (backend.adapters.rasa).

    AvisaError
    ├── InvalidRequest → NluInvalid     bad label, bad filter (400)
    ├── NotFound       → NluNotFound    no such message or model (404)
    ├── Conflict       → NluBusy        a training already runs; model not ready (409)
"""

from __future__ import annotations

from backend.domain.errors import Conflict, InvalidRequest, NotFound


class NluInvalid(InvalidRequest):
    pass


class NluNotFound(NotFound):
    pass


class NluBusy(Conflict):
    pass

