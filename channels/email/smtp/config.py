"""SMTP settings and the reply rate cap, read once from the environment (docs/email.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from channels.core.env import choice, integer, number, text
from channels.core.errors import ConfigError

SMTP_TLS_MODES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    from_address: str
    port: int = 587
    tls: str = "starttls"
    user: str = ""
    password: str = ""
    from_name: str = "Avisa"
    timeout: float = 30.0
    max_replies: int = 5  # automatic replies to one recipient per window (loop guard)
    reply_window: float = 3600.0
    verified_factor: int = 6  # a verified customer's address: this many times the cap

    @property
    def message_id_domain(self) -> str:
        return self.from_address.rsplit("@", 1)[-1]

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings | None:
        host = text(env, "AVISA_SMTP_HOST")
        if not host:
            return None
        sender = text(env, "AVISA_SMTP_FROM")
        if "@" not in sender:
            raise ConfigError(
                "AVISA_SMTP_FROM (the desk's address) is required with AVISA_SMTP_HOST"
            )
        tls = choice(env, "AVISA_SMTP_TLS", SMTP_TLS_MODES, "starttls")
        return cls(
            host=host,
            from_address=sender,
            port=integer(env, "AVISA_SMTP_PORT", DEFAULT_PORTS[tls]),
            tls=tls,
            user=env.get("AVISA_SMTP_USER", ""),
            password=env.get("AVISA_SMTP_PASSWORD", ""),
            from_name=text(env, "AVISA_SMTP_FROM_NAME") or "Avisa",
            timeout=number(env, "AVISA_SMTP_TIMEOUT", cls.timeout),
            max_replies=integer(env, "AVISA_MAIL_MAX_REPLIES", cls.max_replies),
            reply_window=number(env, "AVISA_MAIL_REPLY_WINDOW", cls.reply_window),
            verified_factor=integer(env, "AVISA_MAIL_VERIFIED_FACTOR", cls.verified_factor),
        )
