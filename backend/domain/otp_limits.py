"""How many one-time codes an anonymous sender may cause, and how soon the next one.

Codes are bounded per customer code typed (known or not: the answer must not tell them
apart), per contact a code goes to, per sender (one conversation) and overall (all senders
together: many customer codes tried from many new sessions must not turn into an SMS bill),
over a sliding window; from the third code for one customer code on, each needs a growing
pause since the previous one (back-off). Requests that were refused do not count, so a flood
that stops frees the real customer again one window later at most.

Wrong second factors (a one-time code, a serial, a registered e-mail) are bounded the same
way across conversations (``failure_refusal``): per customer code typed, known or not, and
per client (the channel the senders come through: the widget, the REST client, Telegram,
SMS, e-mail), with a back-off from the third failure for one customer code on. Each
conversation keeps its own three-strikes lock besides (backend/domain/otp.py). Pure rules:
no I/O.
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
    failures_per_customer: int = 5
    failures_per_client: int = 50

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> OtpLimits:
        """AVISA_OTP_PER_CUSTOMER / _PER_CONTACT / _PER_SENDER, AVISA_OTP_OVERALL (codes per
        window), AVISA_VERIFY_FAILURES_PER_CUSTOMER / _PER_CLIENT (wrong factors per window),
        AVISA_OTP_WINDOW_MINUTES (60), AVISA_OTP_BACKOFF_SECONDS (30)."""
        def number(name: str, default: int) -> int:
            value = int(environ.get(name) or default)
            if value < 0:
                raise ValueError(f"{name} must be ≥ 0")
            return value

        return cls(per_customer=number("AVISA_OTP_PER_CUSTOMER", cls.per_customer),
                   per_contact=number("AVISA_OTP_PER_CONTACT", cls.per_contact),
                   per_sender=number("AVISA_OTP_PER_SENDER", cls.per_sender),
                   overall=number("AVISA_OTP_OVERALL", cls.overall),
                   failures_per_customer=number("AVISA_VERIFY_FAILURES_PER_CUSTOMER",
                                                cls.failures_per_customer),
                   failures_per_client=number("AVISA_VERIFY_FAILURES_PER_CLIENT",
                                              cls.failures_per_client),
                   window=timedelta(minutes=number("AVISA_OTP_WINDOW_MINUTES", 60)),
                   backoff=timedelta(seconds=number("AVISA_OTP_BACKOFF_SECONDS", 30)))

    def refusal(self, now: datetime, customer: Sequence[datetime],
                contact: Sequence[datetime], sender: Sequence[datetime],
                everyone: Sequence[datetime] = ()) -> Refusal | None:
        """The longest wait among the limits reached, or None: a code may go now.
        Each sequence holds the times of earlier codes (not refused) for that key;
        ``everyone`` those of all senders."""
        found = self._over(now, (("customer", customer, self.per_customer),
                                 ("contact", contact, self.per_contact),
                                 ("sender", sender, self.per_sender),
                                 ("overall", everyone, self.overall)))
        return self._backoff(now, customer, 2, found)

    def failure_refusal(self, now: datetime, customer: Sequence[datetime],
                        client: Sequence[datetime]) -> Refusal | None:
        """Whether another second factor may be checked now: ``customer`` holds the times
        of earlier wrong factors for the customer code typed, ``client`` those of every
        sender of the same client. The third failure on, each waits a growing pause."""
        found = self._over(now, (("customer", customer, self.failures_per_customer),
                                 ("client", client, self.failures_per_client)))
        return self._backoff(now, customer, 3, found)

    def _over(self, now: datetime,
              limits: Sequence[tuple[str, Sequence[datetime], int]]) -> Refusal | None:
        """The longest wait among the limits reached (free again when enough of the
        earlier events have left the window)."""
        found: Refusal | None = None
        for reason, times, limit in limits:
            recent = sorted(t for t in times if now - t < self.window)
            if len(recent) >= limit:
                wait = (recent[len(recent) - limit] + self.window - now
                        if limit else self.window)
                found = _longer(found, Refusal(reason, wait))
        return found

    def _backoff(self, now: datetime, times: Sequence[datetime], free: int,
                 found: Refusal | None) -> Refusal | None:
        """From ``free`` events in the window on, the next waits ``backoff`` doubled for
        each one more since the latest."""
        recent = sorted(t for t in times if now - t < self.window)
        if len(recent) >= free and self.backoff:
            wait = recent[-1] + self.backoff * 2 ** (len(recent) - free) - now
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

FAILURE_ALERT = {
    "es": "Avisa seguridad: demasiados intentos fallidos de verificar la identidad de "
          "{customer} en la última hora ({count}: códigos, números de serie o correos "
          "equivocados, desde varias conversaciones); se han pausado los intentos durante un "
          "rato. Si no es el cliente, puede ser un intento de suplantación.",
    "en": "Avisa security: too many failed attempts to verify the identity of {customer} "
          "in the last hour ({count}: wrong codes, serial numbers or e-mail addresses, from "
          "several conversations); attempts are paused for a while. If it is not the "
          "customer, it may be an impersonation attempt.",
}
