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

from common.envfile import read_env_file

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
    """The tokens file (``AVISA_TOKENS_FILE``, relative to the repository) read by the one
    reader every process uses (common/envfile.py)."""
    path = Path(env.get("AVISA_TOKENS_FILE", "var/tokens.env"))
    return read_env_file(path if path.is_absolute() else REPO_ROOT / path)
