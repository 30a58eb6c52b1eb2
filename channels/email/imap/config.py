"""IMAP settings of the gateway, read once from the environment (docs/email.md).

No ``AVISA_IMAP_HOST`` means no mailbox is polled. Numbers must be positive;
anything malformed raises ``ConfigError`` with the variable's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from channels.core.env import choice, flag, integer, number, required, text

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
        host = text(env, "AVISA_IMAP_HOST")
        if not host:
            return None
        tls = choice(env, "AVISA_IMAP_TLS", IMAP_TLS_MODES, "tls")
        user = required(env, "AVISA_IMAP_USER", needed_by="AVISA_IMAP_HOST")
        return cls(
            host=host,
            user=user,
            password=env.get("AVISA_IMAP_PASSWORD", ""),
            port=integer(env, "AVISA_IMAP_PORT", 993 if tls == "tls" else 143),
            tls=tls,
            mailbox=text(env, "AVISA_IMAP_MAILBOX") or "INBOX",
            use_idle=flag(env, "AVISA_IMAP_IDLE", True),
            idle_renew=number(env, "AVISA_IMAP_IDLE_RENEW", cls.idle_renew),
            watchdog=number(env, "AVISA_IMAP_WATCHDOG", cls.watchdog),
            poll_interval=number(env, "AVISA_IMAP_POLL_INTERVAL", cls.poll_interval),
            timeout=number(env, "AVISA_IMAP_TIMEOUT", cls.timeout),
            max_backoff=number(env, "AVISA_IMAP_MAX_BACKOFF", cls.max_backoff),
            lease_ttl=number(env, "AVISA_IMAP_LEASE_TTL", cls.lease_ttl),
            attachments_dir=Path(env.get("AVISA_MAIL_ATTACHMENTS_DIR") or cls.attachments_dir),
        )
