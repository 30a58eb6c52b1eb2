"""The action server, reachable only by its caller (Rasa).

Run from the repository root: ``python -m actions.server -p 5055``. It is rasa_sdk's own
app (``rasa_sdk.endpoint.create_app``) with two differences from ``python -m rasa_sdk``:

- it listens on ``AVISA_ACTIONS_HOST`` (default 127.0.0.1, loopback) instead of 0.0.0.0;
- every request but ``GET /health`` must carry ``Authorization: Bearer <secret>``, the
  secret being ``AVISA_TOKEN_ACTION_SERVER`` (environment, else the tokens file). Rasa sends
  it as a header of the action endpoint (bot/endpoints.yml ``action_endpoint.headers``).
  A call without it gets 401 before any action runs: nothing is read from or written to
  the backend. Without a configured secret the server refuses to start.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
from collections.abc import Mapping

from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.settings import _read_tokens_file

SECRET_KEY = "AVISA_TOKEN_ACTION_SERVER"
OPEN_PATHS = frozenset({"/health"})
log = logging.getLogger(__name__)


def secret_from_env(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get(SECRET_KEY) or _read_tokens_file(env).get(SECRET_KEY, "")


def authorised(header: str, secret: str) -> bool:
    """``Bearer <secret>``, compared in constant time; an empty secret matches nothing."""
    scheme, _, token = header.partition(" ")
    if not secret or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.strip().encode(), secret.encode())


def build_app(secret: str, package: str = "actions") -> Sanic:
    """rasa_sdk's app behind the shared secret."""
    if not secret:
        raise SystemExit(f"{SECRET_KEY} missing (environment or tokens file): "
                         "run `avisa tokens ensure`")
    app = create_app(package, cors_origins=None)

    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if authorised(request.headers.get("Authorization", ""), secret):
            return None
        log.warning("action server: refused %s %s without the shared secret",
                    request.method, request.path)
        return response.json({"error": "unauthorized"}, status=401,
                             headers={"WWW-Authenticate": "Bearer"})

    app.register_middleware(require_secret, "request")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-p", "--port", type=int,
                        default=int(os.environ.get("AVISA_ACTIONS_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get("AVISA_ACTIONS_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    app = build_app(secret_from_env())
    log.info("action server on http://%s:%s (shared secret required)", args.host, args.port)
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
