"""Twilio SMS settings: ``AVISA_TWILIO_ACCOUNT_SID`` turns the channel on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from channels.core.env import required, text
from channels.core.errors import ConfigError

DEFAULT_API_URL = "https://api.twilio.com"
WEBHOOK_PATH = "/webhooks/twilio/sms"


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str
    auth_token: str
    sender: str  # AVISA_TWILIO_FROM: an E.164 number, or a Messaging Service SID (MG…)
    api_url: str = DEFAULT_API_URL

    @property
    def sender_field(self) -> str:
        """The Messages API parameter that carries ``sender``."""
        return "MessagingServiceSid" if self.sender.startswith("MG") else "From"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TwilioSettings | None:
        sid = text(env, "AVISA_TWILIO_ACCOUNT_SID")
        if not sid:
            return None
        if not sid.startswith("AC"):
            raise ConfigError("AVISA_TWILIO_ACCOUNT_SID must start with AC")
        token = required(env, "AVISA_TWILIO_AUTH_TOKEN", needed_by="AVISA_TWILIO_ACCOUNT_SID")
        sender = required(env, "AVISA_TWILIO_FROM", needed_by="AVISA_TWILIO_ACCOUNT_SID")
        api_url = (text(env, "AVISA_TWILIO_API_URL") or DEFAULT_API_URL).rstrip("/")
        return cls(account_sid=sid, auth_token=token, sender=sender, api_url=api_url)
