"""``python -m channels``: serve the gateway on AVISA_GATEWAY_PORT."""

from __future__ import annotations

import logging
import sys

from aiohttp import web

from channels.app import create_app
from channels.config import Settings
from channels.core.access_log import PathOnlyAccessLogger
from channels.core.errors import ConfigError
from common import logs


def main() -> int:
    logs.configure(logging.INFO)  # AVISA_LOG_FORMAT=json: one JSON event per line
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"avisa gateway: {exc}", file=sys.stderr)
        return 2
    web.run_app(create_app(settings), host=settings.host, port=settings.port,
                access_log_class=PathOnlyAccessLogger)  # no tokens from query strings
    return 0


if __name__ == "__main__":
    sys.exit(main())
