"""Gateway settings, read once from the environment into a frozen dataclass."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from channels.core.env import flag, integer, number
from channels.core.errors import ConfigError
from channels.email.imap.config import ImapSettings
from channels.email.smtp.config import SmtpSettings
from channels.rest.callback import RestCallback
from channels.sms.settings import TwilioSettings
from channels.telegram.settings import TelegramSettings
from common.envfile import read_env_file

log = logging.getLogger(__name__)

DEFAULT_TOKENS_FILE = "var/tokens.env"

# Any of these set means a real provider is configured, so demo mode is off by default.
PROVIDER_CREDENTIALS = (
    "AVISA_TELEGRAM_TOKEN",
    "AVISA_TWILIO_ACCOUNT_SID",
    "AVISA_SMTP_HOST",
    "AVISA_IMAP_HOST",
)



@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    backend_url: str = "http://127.0.0.1:8000"
    rasa_url: str = "http://127.0.0.1:5005"
    token_gateway: str = ""
    token_rest: str | None = None
    secret: str = ""
    demo: bool = True
    outbox_poll_interval: float = 0.5
    outbox_batch: int = 20
    backend_timeout: float = 10.0
    rasa_timeout: float = 30.0
    # Rasa's REST channel answers a message id it already handled again instead of handling
    # it twice (deploy/idempotent_rest.py, scaled stack): a message sent again is re-asked.
    rasa_replay: bool = False
    session_ttl: int = 30 * 24 * 3600
    # The largest file the widget may upload (the backend's AVISA_ATTACHMENT_MAX_BYTES).
    upload_max_bytes: int = 10 * 1024 * 1024
    # The company portal's key for signed identities on the widget (channels/web/portal.py);
    # unset: every claimed identity is treated as anonymous.
    portal_secret: str | None = None
    # The gateway's URL as providers reach it (behind any reverse proxy), no trailing "/".
    public_url: str | None = None
    telegram: TelegramSettings | None = None
    twilio: TwilioSettings | None = None
    imap: ImapSettings | None = None
    smtp: SmtpSettings | None = None
    # A REST-channel client's callback for agent messages (channels/rest/callback.py).
    rest_callback: RestCallback | None = None
    # The product's now = real now + clock_offset (AVISA_CLOCK_START / AVISA_CLOCK_OFFSET,
    # read as the backend reads them): the e-mail loop guard compares the backend's times.
    clock_offset: timedelta = timedelta(0)

    def clock(self) -> Callable[[], datetime]:
        """The product clock, built where the gateway builds its dependencies."""
        offset = self.clock_offset
        return lambda: datetime.now(UTC) + offset

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        tokens = read_env_file(Path(env.get("AVISA_TOKENS_FILE", DEFAULT_TOKENS_FILE)))

        def secret_value(name: str) -> str | None:
            return env.get(name) or tokens.get(name) or None

        token_gateway = secret_value("AVISA_TOKEN_GATEWAY")
        if token_gateway is None:
            raise ConfigError(
                "AVISA_TOKEN_GATEWAY is not set (environment or tokens file); "
                "run `avisa tokens ensure` first"
            )
        secret = secret_value("AVISA_SECRET") or derived_secret(token_gateway)
        has_provider = any(env.get(name) for name in PROVIDER_CREDENTIALS)
        return cls(
            host=env.get("AVISA_GATEWAY_HOST", cls.host),
            port=integer(env, "AVISA_GATEWAY_PORT", cls.port),
            backend_url=env.get("AVISA_BACKEND_URL", cls.backend_url).rstrip("/"),
            rasa_url=env.get("AVISA_RASA_URL", cls.rasa_url).rstrip("/"),
            token_gateway=token_gateway,
            token_rest=secret_value("AVISA_TOKEN_REST"),
            secret=secret,
            demo=flag(env, "AVISA_DEMO", not has_provider),
            outbox_poll_interval=number(env, "AVISA_OUTBOX_POLL_INTERVAL", 0.5),
            outbox_batch=integer(env, "AVISA_OUTBOX_BATCH", cls.outbox_batch),
            backend_timeout=number(env, "AVISA_BACKEND_TIMEOUT", cls.backend_timeout),
            rasa_timeout=number(env, "AVISA_RASA_TIMEOUT", cls.rasa_timeout),
            rasa_replay=flag(env, "AVISA_RASA_REPLAY", cls.rasa_replay),
            session_ttl=integer(env, "AVISA_WIDGET_SESSION_TTL", cls.session_ttl),
            upload_max_bytes=integer(env, "AVISA_ATTACHMENT_MAX_BYTES", cls.upload_max_bytes),
            portal_secret=secret_value("AVISA_PORTAL_SECRET"),
            public_url=_public_url(env),
            telegram=TelegramSettings.from_env(env, token_gateway),
            twilio=TwilioSettings.from_env(env),
            imap=ImapSettings.from_env(env),
            smtp=SmtpSettings.from_env(env),
            rest_callback=RestCallback.from_env(env),
            clock_offset=_clock_offset(env),
        )


def _public_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("AVISA_PUBLIC_URL", "").strip().rstrip("/")
    if not raw:
        return None
    if not raw.startswith(("https://", "http://")):
        raise ConfigError(f"AVISA_PUBLIC_URL must be an http(s) URL, got {raw!r}")
    return raw


def derived_secret(token_gateway: str) -> str:
    """Without AVISA_SECRET, a widget-session key derived from the gateway token.

    Stable across restarts (sessions survive), domain-separated from the token.
    """
    log.info("AVISA_SECRET not set: widget sessions are signed with a derived key")
    key = hmac.new(token_gateway.encode(), b"avisa widget session key v1", hashlib.sha256)
    return key.hexdigest()


def _clock_offset(env: Mapping[str, str]) -> timedelta:
    """``AVISA_CLOCK_START`` (ISO 8601 instant with its UTC offset: now starts there when
    the process starts) or ``AVISA_CLOCK_OFFSET`` (seconds added to the real now); not both."""
    start, offset = env.get("AVISA_CLOCK_START", ""), env.get("AVISA_CLOCK_OFFSET", "")
    if start and offset:
        raise ConfigError("set AVISA_CLOCK_START or AVISA_CLOCK_OFFSET, not both")
    try:
        if not start:
            return timedelta(seconds=float(offset)) if offset else timedelta(0)
        moment = datetime.fromisoformat(start)
        if moment.tzinfo is None:
            raise ValueError(f"a clock start needs a UTC offset, got {start!r}")
        return moment - datetime.now(UTC)
    except (ValueError, OverflowError) as exc:
        raise ConfigError(f"AVISA_CLOCK_START / AVISA_CLOCK_OFFSET: {exc}") from None
