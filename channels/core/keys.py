"""Typed application state shared by every channel (``web.AppKey``); a channel's own
state is keyed in its folder (``HUB``, ``SIGNER`` in web/, ``BOT`` in telegram/)."""

from __future__ import annotations

from aiohttp import web

from channels.core.backend_client import BackendClient
from channels.core.pipeline import Pipeline

# Set by the HTTP-clients cleanup context, at startup:
BACKEND = web.AppKey("backend", BackendClient)
PIPELINE = web.AppKey("pipeline", Pipeline)
