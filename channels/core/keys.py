"""Typed application state of the gateway (``web.AppKey``)."""

from __future__ import annotations

from aiohttp import web

from channels.backend_client import BackendClient
from channels.config import Settings
from channels.pipeline import Pipeline
from channels.sessions import SessionSigner
from channels.web.hub import WebHub

SETTINGS = web.AppKey("settings", Settings)
SIGNER = web.AppKey("signer", SessionSigner)
HUB = web.AppKey("hub", WebHub)
# Set by the HTTP-clients cleanup context, at startup:
BACKEND = web.AppKey("backend", BackendClient)
PIPELINE = web.AppKey("pipeline", Pipeline)
