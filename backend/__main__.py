"""`python -m backend`: serve the API on AVISA_BACKEND_PORT."""

from __future__ import annotations

import logging
import sys

from aiohttp import web

from backend.bootstrap import create_app
from backend.config import Settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings.from_env()
    if not settings.tokens:
        sys.exit("no AVISA_TOKEN_* configured: run `avisa tokens ensure` first")
    web.run_app(create_app(settings), host="127.0.0.1", port=settings.port)


if __name__ == "__main__":
    main()
