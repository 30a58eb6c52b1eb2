"""Wires the backend: settings → engine → unit-of-work factory → aiohttp app."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from backend.adapters.db import create_engine, session_factory
from backend.adapters.rasa import RasaClient
from backend.api.app import install
from backend.api.keys import CLOCK, RASA, SETTINGS, UOWS
from backend.api.scheduler_loop import scheduler_ctx
from backend.config import Settings
from backend.domain.clock import Clock
from backend.services.nlu.config import NluConfig
from backend.services.platform.uow import UnitOfWorkFactory


def create_app(settings: Settings, *, clock: Clock | None = None) -> web.Application:
    """Nothing connects here: the engine is created and disposed in `cleanup_ctx`.
    ``clock`` defaults to the product clock of ``settings`` (AVISA_CLOCK_START/OFFSET)."""
    app = web.Application(client_max_size=1024**2)
    app[SETTINGS] = settings
    app[CLOCK] = settings.clock() if clock is None else clock
    rasa = NluConfig.from_env(settings.rasa_url, settings.rasa_token)
    app[RASA] = RasaClient(rasa.rasa_urls, settings.rasa_token)
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(scheduler_ctx)
    install(app)
    return app


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = create_engine(app[SETTINGS].database_url)
    app[UOWS] = UnitOfWorkFactory(session_factory(engine), app[CLOCK])
    yield
    await engine.dispose()
