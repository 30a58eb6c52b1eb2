"""How many one-time codes an anonymous sender may cause, and how soon the next one.

Codes are bounded per customer code typed (known or not: the answer must not tell them
apart), per contact a code goes to, per sender (one conversation) and overall (all senders
together: many customer codes tried from many new sessions must not turn into an SMS bill),
over a sliding window; from the third code for one customer code on, each needs a growing
pause since the previous one (back-off). Requests that were refused do not count, so a flood
that stops frees the real customer again one window later at most. Pure rules: no I/O.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Refusal:
    """Why no code may be sent now, and when one may (``reason``: customer, contact,
    sender or backoff)."""

    reason: str
    retry_after: timedelta

    @property
    def seconds(self) -> int:
        return max(1, int(self.retry_after.total_seconds() + 0.999))


@dataclass(frozen=True)
class OtpLimits:
    per_customer: int = 5
    per_contact: int = 5
    per_sender: int = 3
    overall: int = 200
    window: timedelta = timedelta(hours=1)
    backoff: timedelta = timedelta(seconds=30)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> OtpLimits:
        """AVISA_OTP_PER_CUSTOMER / _PER_CONTACT / _PER_SENDER, AVISA_OTP_OVERALL (codes per
        window), AVISA_OTP_WINDOW_MINUTES (60), AVISA_OTP_BACKOFF_SECONDS (30)."""
        def number(name: str, default: int) -> int:
            value = int(environ.get(name) or default)
            if value < 0:
                raise ValueError(f"{name} must be ≥ 0")
            return value

        return cls(per_customer=number("AVISA_OTP_PER_CUSTOMER", cls.per_customer),
                   per_contact=number("AVISA_OTP_PER_CONTACT", cls.per_contact),
                   per_sender=number("AVISA_OTP_PER_SENDER", cls.per_sender),
                   overall=number("AVISA_OTP_OVERALL", cls.overall),
                   window=timedelta(minutes=number("AVISA_OTP_WINDOW_MINUTES", 60)),
                   backoff=timedelta(seconds=number("AVISA_OTP_BACKOFF_SECONDS", 30)))

    def refusal(self, now: datetime, customer: Sequence[datetime],
                contact: Sequence[datetime], sender: Sequence[datetime],
                everyone: Sequence[datetime] = ()) -> Refusal | None:
        """The longest wait among the limits reached, or None: a code may go now.
        Each sequence holds the times of earlier codes (not refused) for that key;
        ``everyone`` those of all senders."""
        found: Refusal | None = None
        for reason, times, limit in (("customer", customer, self.per_customer),
                                     ("contact", contact, self.per_contact),
                                     ("sender", sender, self.per_sender),
                                     ("overall", everyone, self.overall)):
            recent = sorted(t for t in times if now - t < self.window)
            if len(recent) >= limit:
                # free again when enough of them have left the window
                wait = (recent[len(recent) - limit] + self.window - now
                        if limit else self.window)
                found = _longer(found, Refusal(reason, wait))
        recent = sorted(t for t in customer if now - t < self.window)
        if len(recent) >= 2 and self.backoff:
            wait = recent[-1] + self.backoff * 2 ** (len(recent) - 2) - now
            if wait > timedelta(0):
                found = _longer(found, Refusal("backoff", wait))
        return found


def _longer(a: Refusal | None, b: Refusal) -> Refusal:
    return b if a is None or b.retry_after > a.retry_after else a


DESK_ALERT = {
    "es": "Avisa seguridad: se han pedido demasiados códigos de verificación para {customer} "
          "en la última hora ({count}); se han dejado de enviar durante un rato. Si no es "
          "el cliente, puede ser un intento de suplantación.",
    "en": "Avisa security: too many verification codes were requested for {customer} in "
          "the last hour ({count}); sending is paused for a while. If it is not the "
          "customer, it may be an impersonation attempt.",
}
