"""`python -m backend`: serve the API on AVISA_BACKEND_PORT."""

from __future__ import annotations

import logging
import os
import sys

from aiohttp import web

from backend.bootstrap import create_app
from backend.config import Settings
from common import logs


def main() -> None:
    logs.configure(logging.INFO)  # AVISA_LOG_FORMAT=json: one JSON event per line
    settings = Settings.from_env()
    if not settings.tokens:
        sys.exit("no AVISA_TOKEN_* configured: run `avisa tokens ensure` first")
    host = os.environ.get("AVISA_BACKEND_HOST", "127.0.0.1")  # loopback unless told otherwise
    web.run_app(create_app(settings), host=host, port=settings.port)


if __name__ == "__main__":
    main()
