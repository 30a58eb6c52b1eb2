"""Where the backend is and which token the action server uses.

``AVISA_BACKEND_URL`` (default http://127.0.0.1:8000) and ``AVISA_TOKEN_ACTIONS``;
when the token variable is missing it is read from the ``KEY=value`` file named by
``AVISA_TOKENS_FILE`` (default ``var/tokens.env`` relative to the repository root).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BACKEND_URL = "http://127.0.0.1:8000"
TOKEN_KEY = "AVISA_TOKEN_ACTIONS"


@dataclass(frozen=True)
class BackendSettings:
    base_url: str
    token: str
    timeout_s: float = 8.0

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "BackendSettings":
        env = os.environ if environ is None else environ
        base_url = env.get("AVISA_BACKEND_URL", DEFAULT_BACKEND_URL).rstrip("/")
        token = env.get(TOKEN_KEY) or _read_tokens_file(env).get(TOKEN_KEY, "")
        return cls(base_url=base_url, token=token)


def _read_tokens_file(env: Mapping[str, str]) -> Dict[str, str]:
    path = Path(env.get("AVISA_TOKENS_FILE", "var/tokens.env"))
    if not path.is_absolute():
        path = REPO_ROOT / path
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    values: Dict[str, str] = {}
    for line in lines:
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            values[key.strip()] = value.strip().strip('"').strip("'")
    return values
