"""The gateway's app factory: ``create_app(settings)``. Nothing connects at import."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from channels import providers
from channels.config import Settings
from channels.core import metrics, ratelimit
from channels.core.backend_client import BackendClient
from channels.core.background import background_ctx
from channels.core.keys import BACKEND, PIPELINE
from channels.core.pipeline import Pipeline
from channels.core.rasa_client import RasaClient
from channels.core.ratelimit import RateLimits
from channels.core.tasks import stop
from channels.outbox import dev_routes, file_links
from channels.outbox.loop import OutboxWorker
from channels.outbox.senders import SenderTable
from channels.rest import webhook as rest_webhook
from channels.web import routes as web_routes
from channels.web import upload as web_upload
from channels.web.hub import HUB, WebHub
from channels.web.portal import PORTAL, PortalVerifier
from channels.web.send import web_senders
from channels.web.sessions import SIGNER, SessionSigner

SETTINGS = web.AppKey("settings", Settings)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def http_clients(app: web.Application) -> AsyncIterator[None]:
    """One HTTP session per peer, closed at shutdown."""
    settings = app[SETTINGS]
    async with (
        aiohttp.ClientSession() as backend_http,
        aiohttp.ClientSession() as rasa_http,
    ):
        backend = BackendClient(
            backend_http, settings.backend_url, settings.token_gateway, settings.backend_timeout
        )
        app[BACKEND] = backend
        app[PIPELINE] = Pipeline(
            backend,
            RasaClient(rasa_http, settings.rasa_url, settings.rasa_timeout),
            replay_duplicates=settings.rasa_replay,
        )
        yield
        await app[HUB].close_all()


async def outbox_delivery(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    worker = OutboxWorker(
        app[BACKEND],
        SenderTable(
            {**web_senders(app[HUB]), **providers.provider_senders(app)},
            demo=settings.demo,
        ),
        interval=settings.outbox_poll_interval,
        batch=settings.outbox_batch,
        files_url=settings.public_url or f"http://{settings.host}:{settings.port}",
    )
    task = asyncio.create_task(worker.run_forever(), name="outbox-delivery")
    yield
    await stop(task)


def create_app(settings: Settings, limits: RateLimits | None = None) -> web.Application:
    """``limits``: anonymous traffic per client (default: from the environment, read once)."""
    app = web.Application(client_max_size=64 * 1024)
    app[SETTINGS] = settings
    ratelimit.install(app, limits or RateLimits.from_env())
    app[SIGNER] = SessionSigner(settings.secret, settings.session_ttl)
    app[HUB] = WebHub()
    app[PORTAL] = PortalVerifier(settings.portal_secret, settings.clock())
    app.cleanup_ctx.append(http_clients)
    app.cleanup_ctx.append(background_ctx)
    providers.install(app, settings)  # Telegram, SMS, e-mail: clients, senders, routes, pollers
    app.cleanup_ctx.append(outbox_delivery)
    app.router.add_get("/health", health)
    metrics.install(app)  # GET /metrics and HTTP latency by route template
    web_routes.add_routes(app)
    web_upload.add_routes(app, settings.upload_max_bytes)
    rest_webhook.add_routes(app, settings.token_rest)
    file_links.add_routes(app)  # GET /files/{id}: signed links sent to technicians
    if settings.demo:
        dev_routes.add_routes(app)
    return app
