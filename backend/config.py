"""Backend settings, read from the environment once at start."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from backend.domain.clock import Clock, offset_clock, offset_to
from backend.domain.handoff_policy import HandoffPolicy
from backend.domain.otp_limits import OtpLimits
from backend.handoff_settings import handoff_policy_from_env
from backend.tokens import TOKEN_VARS
from common.envfile import read_env_file

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/avisa.db"
BACKEND_ROLES = ("actions", "gateway", "agents", "admin")


class SettingsError(ValueError):
    """A setting is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    port: int = 8000
    otp_ttl_seconds: int = 600
    # role → bearer token; roles without a token cannot authenticate.
    tokens: Mapping[str, str] = field(default_factory=dict)
    # Rasa's HTTP API (enabled with --auth-token): resumes a conversation after a handoff.
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str = ""
    handoff: HandoffPolicy = field(default_factory=HandoffPolicy)
    # alerts API: source → token (AVISA_ALERT_TOKENS="source:token,…"); scheduler tick (s, 0: off)
    alert_tokens: Mapping[str, str] = field(default_factory=dict)
    scheduler_interval: float = 30.0
    # how long after its sender's last message the actions role may act on a conversation
    # (AVISA_ACTIONS_SESSION_MINUTES; backend/services/conversations/sessions.py)
    actions_session: timedelta = timedelta(hours=24)
    # one-time codes per customer code / contact / sender and back-off (AVISA_OTP_PER_*)
    otp_limits: OtpLimits = field(default_factory=OtpLimits)
    # The product's now = real now + clock_offset (AVISA_CLOCK_START / AVISA_CLOCK_OFFSET).
    clock_offset: timedelta = timedelta(0)
    # attachment store (AVISA_ATTACHMENTS_DIR, AVISA_ATTACHMENT_MAX_BYTES) and the key of
    # its signed links (AVISA_ATTACHMENT_KEY, else derived from the admin token)
    attachments_dir: Path = Path("var/files")
    attachment_max_bytes: int = 10 * 1024 * 1024
    attachment_key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def clock(self) -> Clock:
        """The product clock; built by whoever builds the dependencies (bootstrap, CLI)."""
        return offset_clock(self.clock_offset)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        file_values = read_env_file(Path(environ.get("AVISA_TOKENS_FILE", "var/tokens.env")))
        tokens = {}
        for role in BACKEND_ROLES:
            var = TOKEN_VARS[role]
            value = environ.get(var) or file_values.get(var)
            if value:
                tokens[role] = value
        return cls(
            database_url=environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            port=_int(environ, "AVISA_BACKEND_PORT", 8000),
            otp_ttl_seconds=_int(environ, "AVISA_OTP_TTL", 600),
            tokens=tokens,
            alert_tokens=_pairs(environ.get("AVISA_ALERT_TOKENS")
                                or file_values.get("AVISA_ALERT_TOKENS", "")),
            scheduler_interval=float(environ.get("AVISA_SCHEDULER_INTERVAL") or 30.0),
            rasa_url=environ.get("AVISA_RASA_URL", "http://127.0.0.1:5005"),
            rasa_token=environ.get("AVISA_TOKEN_RASA") or file_values.get("AVISA_TOKEN_RASA", ""),
            handoff=handoff_policy_from_env(environ),
            clock_offset=clock_offset(environ),
            otp_limits=OtpLimits.from_env(environ),
            actions_session=timedelta(minutes=_int(environ, "AVISA_ACTIONS_SESSION_MINUTES",
                                                   24 * 60)),
            attachments_dir=Path(environ.get("AVISA_ATTACHMENTS_DIR") or "var/files"),
            attachment_max_bytes=_int(environ, "AVISA_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
            attachment_key=_attachment_key(environ.get("AVISA_ATTACHMENT_KEY", ""),
                                           tokens.get("admin", "")),
        )


def _attachment_key(explicit: str, admin_token: str) -> bytes:
    if explicit:
        return explicit.encode()
    if admin_token:
        return hmac.new(admin_token.encode(), b"avisa-attachment-links", hashlib.sha256).digest()
    return secrets.token_bytes(32)  # links last as long as this process


def clock_offset(environ: Mapping[str, str]) -> timedelta:
    """``AVISA_CLOCK_START`` (an ISO 8601 instant with its UTC offset: the product's now
    starts there when the process starts and runs on in real time) or
    ``AVISA_CLOCK_OFFSET`` (seconds added to the real now, may be negative); not both."""
    start, offset = environ.get("AVISA_CLOCK_START", ""), environ.get("AVISA_CLOCK_OFFSET", "")
    if start and offset:
        raise SettingsError("set AVISA_CLOCK_START or AVISA_CLOCK_OFFSET, not both")
    try:
        if start:
            return offset_to(datetime.fromisoformat(start))
        return timedelta(seconds=float(offset)) if offset else timedelta(0)
    except (ValueError, OverflowError) as exc:
        raise SettingsError(f"AVISA_CLOCK_START / AVISA_CLOCK_OFFSET: {exc}") from exc


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from exc


def _pairs(raw: str) -> dict[str, str]:
    """"scada:tok1,bms:tok2" → {"scada": "tok1", "bms": "tok2"}."""
    out = {}
    for item in raw.split(","):
        source, sep, token = item.strip().partition(":")
        if item.strip() and (not sep or not source or not token):
            raise SettingsError(f"AVISA_ALERT_TOKENS: expected source:token, got {item!r}")
        if sep:
            out[source.strip()] = token.strip()
    return out
