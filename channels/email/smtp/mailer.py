"""Sending one rendered ``EmailMessage`` over SMTP (aiosmtplib); failures are ``DeliveryError``."""

from __future__ import annotations

import logging
from email.message import EmailMessage

import aiosmtplib

from channels.core.errors import DeliveryError
from channels.email.smtp.config import SmtpSettings

log = logging.getLogger(__name__)


class SmtpMailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    @property
    def settings(self) -> SmtpSettings:
        return self._settings

    async def send(self, message: EmailMessage) -> None:
        s = self._settings
        try:
            await aiosmtplib.send(
                message,
                hostname=s.host,
                port=s.port,
                username=s.user or None,
                password=s.password or None,
                use_tls=s.tls == "tls",
                start_tls=s.tls == "starttls",
                timeout=s.timeout,
            )
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryError(f"smtp {s.host}:{s.port}: {exc}") from exc
        log.info("mail: sent %s to %s", message["Message-ID"], message["To"])
