"""Outbox delivery policy: claim lease and retry backoff."""

from __future__ import annotations

import random
from datetime import timedelta
from enum import StrEnum

from backend.domain.backoff import Rand, jittered

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


JITTER = 0.5  # the delay is drawn from [half, all] of 30 s, 60 s, 120 s… (capped at 1 h)


def backoff(attempts: int, rand: Rand = random.random) -> timedelta:
    """Delay before the next try after `attempts` failures: up to 30 s, 60 s, 120 s… capped at
    1 h, at least half of that, jittered so that rows failed together do not return together."""
    seconds = jittered(max(attempts - 1, 0), BASE_BACKOFF.total_seconds(),
                       MAX_BACKOFF.total_seconds(), spread=JITTER, rand=rand)
    return timedelta(seconds=round(seconds, 3))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
