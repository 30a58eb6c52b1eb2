"""Where the backend is and which token the action server uses.

``AVISA_BACKEND_URL`` (default http://127.0.0.1:8000) and ``AVISA_TOKEN_ACTIONS``;
when the token variable is missing it is read from the ``KEY=value`` file named by
``AVISA_TOKENS_FILE`` (default ``var/tokens.env`` relative to the repository root).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BACKEND_URL = "http://127.0.0.1:8000"
TOKEN_KEY = "AVISA_TOKEN_ACTIONS"


@dataclass(frozen=True)
class BackendSettings:
    base_url: str
    token: str
    timeout_s: float = 8.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> BackendSettings:
        env = os.environ if environ is None else environ
        base_url = env.get("AVISA_BACKEND_URL", DEFAULT_BACKEND_URL).rstrip("/")
        token = env.get(TOKEN_KEY) or _read_tokens_file(env).get(TOKEN_KEY, "")
        return cls(base_url=base_url, token=token)


def _read_tokens_file(env: Mapping[str, str]) -> dict[str, str]:
    """``KEY=value`` lines as python-dotenv reads them (quotes, ``export``, comments), with
    no ``${VAR}`` expansion; a missing file is empty. The backend (backend/tokens.py) and
    the gateway (channels/config.py) make the same call."""
    path = Path(env.get("AVISA_TOKENS_FILE", "var/tokens.env"))
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.is_file():
        return {}
    values = dotenv_values(path, interpolate=False, encoding="utf-8")
    return {key: value for key, value in values.items() if value is not None}
