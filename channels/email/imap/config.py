"""IMAP settings of the gateway, read once from the environment (docs/email.md).

No ``AVISA_IMAP_HOST`` means no mailbox is polled. Numbers must be positive;
anything malformed raises ``ConfigError`` with the variable's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from channels.core.errors import ConfigError

IMAP_TLS_MODES = ("tls", "none")


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    password: str
    port: int = 993
    tls: str = "tls"
    mailbox: str = "INBOX"
    use_idle: bool = True
    idle_renew: float = 25 * 60.0  # re-issue IDLE before the server's 30-minute timeout
    watchdog: float = 60.0  # grace past idle_renew before a silent connection is dropped
    poll_interval: float = 60.0  # without IDLE (or AVISA_IMAP_IDLE=0)
    timeout: float = 30.0  # one IMAP command
    max_backoff: float = 300.0
    lease_ttl: float = 30.0  # the poller's lease (one poller among replicas), in seconds
    attachments_dir: Path = Path("var/attachments")

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ImapSettings | None:
        host = env.get("AVISA_IMAP_HOST", "").strip()
        if not host:
            return None
        tls = choice(env, "AVISA_IMAP_TLS", IMAP_TLS_MODES, "tls")
        user = env.get("AVISA_IMAP_USER", "")
        if not user:
            raise ConfigError("AVISA_IMAP_USER is required when AVISA_IMAP_HOST is set")
        return cls(
            host=host,
            user=user,
            password=env.get("AVISA_IMAP_PASSWORD", ""),
            port=int(number(env, "AVISA_IMAP_PORT", 993 if tls == "tls" else 143)),
            tls=tls,
            mailbox=env.get("AVISA_IMAP_MAILBOX", "").strip() or "INBOX",
            use_idle=flag(env, "AVISA_IMAP_IDLE", True),
            idle_renew=number(env, "AVISA_IMAP_IDLE_RENEW", cls.idle_renew),
            watchdog=number(env, "AVISA_IMAP_WATCHDOG", cls.watchdog),
            poll_interval=number(env, "AVISA_IMAP_POLL_INTERVAL", cls.poll_interval),
            timeout=number(env, "AVISA_IMAP_TIMEOUT", cls.timeout),
            max_backoff=number(env, "AVISA_IMAP_MAX_BACKOFF", cls.max_backoff),
            lease_ttl=number(env, "AVISA_IMAP_LEASE_TTL", cls.lease_ttl),
            attachments_dir=Path(env.get("AVISA_MAIL_ATTACHMENTS_DIR") or cls.attachments_dir),
        )


def number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {raw!r}")


def choice(env: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    raw = env.get(name, "").strip().lower() or default
    if raw not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}, got {raw!r}")
    return raw
