"""Telegram settings: ``AVISA_TELEGRAM_TOKEN`` turns the channel on."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

from channels.core.env import text
from channels.core.errors import ConfigError

DEFAULT_API_URL = "https://api.telegram.org/bot"
WEBHOOK_PATH = "/webhooks/telegram"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in a webhook secret token.
SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    secret: str
    api_url: str = DEFAULT_API_URL
    poll_timeout: int = 25  # seconds a getUpdates long poll may wait (polling mode)

    @classmethod
    def from_env(cls, env: Mapping[str, str], token_gateway: str) -> TelegramSettings | None:
        token = text(env, "AVISA_TELEGRAM_TOKEN")
        if not token:
            return None
        secret = text(env, "AVISA_TELEGRAM_SECRET") or derived_secret(token_gateway)
        if not SECRET_SHAPE.fullmatch(secret):
            raise ConfigError(
                "AVISA_TELEGRAM_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ or -"
            )
        api_url = text(env, "AVISA_TELEGRAM_API_URL") or DEFAULT_API_URL
        return cls(token=token, secret=secret, api_url=api_url)


def derived_secret(token_gateway: str) -> str:
    """Without AVISA_TELEGRAM_SECRET: a stable secret derived from the gateway token."""
    key = hmac.new(token_gateway.encode(), b"avisa telegram webhook secret v1", hashlib.sha256)
    return key.hexdigest()
