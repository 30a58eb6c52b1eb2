"""Typed application state."""

from __future__ import annotations

from aiohttp import web

from backend.adapters.rasa import RasaClient
from backend.config import Settings
from backend.domain.clock import Clock
from backend.services.platform.uow import UnitOfWorkFactory

SETTINGS = web.AppKey("settings", Settings)
CLOCK: web.AppKey[Clock] = web.AppKey("clock")
UOWS = web.AppKey("uows", UnitOfWorkFactory)
RASA = web.AppKey("rasa", RasaClient)
