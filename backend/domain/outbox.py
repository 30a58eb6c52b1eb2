"""Outbox delivery policy: claim lease and retry backoff."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

CLAIM_LEASE = timedelta(seconds=60)
BASE_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
MAX_ATTEMPTS = 8

VIAS = ("dev-outbox", "web", "telegram", "twilio", "smtp")


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
    DROPPED = "dropped"  # never sent: the recipient opted out (last_error says why)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failures: 30 s, 60 s, 120 s… capped at 1 h."""
    delay: timedelta = BASE_BACKOFF * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_BACKOFF)


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
