"""Bearer tokens per client role, kept in `var/tokens.env` (`KEY=value` lines, mode 0600)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from common.envfile import read_env_file

TOKEN_VARS: dict[str, str] = {
    "actions": "AVISA_TOKEN_ACTIONS",
    "gateway": "AVISA_TOKEN_GATEWAY",
    "agents": "AVISA_TOKEN_AGENTS",
    "admin": "AVISA_TOKEN_ADMIN",
    "manager": "AVISA_TOKEN_MANAGER",  # service managers' reports (/api/reports)
    "rest": "AVISA_TOKEN_REST",
    "rasa": "AVISA_TOKEN_RASA",  # Rasa's HTTP API (--auth-token), used by the backend
    # the action server's shared secret, sent by Rasa on every action call (actions/server.py)
    "action_server": "AVISA_TOKEN_ACTION_SERVER",
}


def ensure_tokens(path: Path) -> dict[str, str]:
    """Create the missing AVISA_TOKEN_* in `path`, keep existing ones; return all of them."""
    values = read_env_file(path)
    for var in TOKEN_VARS.values():
        if not values.get(var):
            values[var] = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{key}={value}\n" for key, value in values.items())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.chmod(path, 0o600)
    return {var: values[var] for var in TOKEN_VARS.values()}
