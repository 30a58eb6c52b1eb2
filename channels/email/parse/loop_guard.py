"""Whether the bot may answer a message, so that it never feeds a mail loop.

``CHECKS`` is an ordered table of (reason, predicate); the first predicate that
holds names the reason for not replying. Last comes the per-recipient rate cap.
Covers RFC 3834 (Auto-Submitted), RFC 3464 bounces, RFC 2369/2919 list headers,
Exchange's X-Auto-Response-Suppress, no-reply senders and out-of-office subjects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from channels.email.model import ParsedEmail

NO_REPLY_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|no[-_.]?responder|"
    r"no[-_.]?contestar|no[-_.]?responda|mailer[-_.]?daemon|postmaster|bounces?|"
    r"auto[-_.]?reply|autoresponder|notifications?[-_.]?noreply)(?:[-+_.].*)?$",
    re.IGNORECASE,
)
BOUNCE_LOCAL = re.compile(r"^(?:mailer[-_.]?daemon|postmaster)$", re.IGNORECASE)
AUTO_SUBJECT = re.compile(
    r"\b(?:out of (?:the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
    r"respuesta autom[aá]tica|fuera de (?:la )?oficina|ausente de la oficina|"
    r"r[ée]ponse automatique|abwesenheitsnotiz|on vacation|de vacaciones)\b",
    re.IGNORECASE,
)
BOUNCE_SUBJECT = re.compile(
    r"^(?:undeliverable|undelivered mail|delivery status notification|mail delivery failed|"
    r"returned mail|delivery failure|failure notice|no se puede entregar|no entregado|"
    r"notificaci[oó]n de estado de (?:la )?entrega)\b",
    re.IGNORECASE,
)
BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
SUPPRESS = frozenset({"all", "autoreply", "oof"})


@dataclass(frozen=True)
class LoopPolicy:
    """``own_addresses`` are the desk's own mailboxes: mail from them, or carrying them in
    ``X-Loop``, is never answered; nor is mail to more than ``max_recipients``."""

    max_replies: int = 5
    window: timedelta = timedelta(hours=1)
    own_addresses: frozenset[str] = frozenset()
    max_recipients: int = 20
    # A person in a conversation is not cut off like a robot: a mail answering one of our
    # replies (in our thread) gets ``threaded_factor`` times the cap, one from a verified
    # customer's registered address ``verified_factor`` times (loops rarely come from a
    # registered person's mailbox without any of the robot marks above, and still meet a
    # ceiling). Past the cap the conversation gets one notice that a person will answer.
    threaded_factor: int = 2
    verified_factor: int = 6


def policy_for(policy: LoopPolicy, *, threaded: bool, verified: bool) -> LoopPolicy:
    """The cap that applies to one mail: raised for a back-and-forth and for a verified
    person, both at once when both hold."""
    factor = (policy.threaded_factor if threaded else 1) * (
        policy.verified_factor if verified else 1)
    return replace(policy, max_replies=policy.max_replies * max(factor, 1))


def _own(policy: LoopPolicy) -> set[str]:
    return {address.lower() for address in policy.own_addresses}


def _x_loop(mail: ParsedEmail, policy: LoopPolicy) -> bool:
    """RFC 3834 §5: our replies carry ``X-Loop: <desk>``; seeing it again is a loop."""
    value = mail.extra_headers.get("x-loop", "").lower()
    return bool(value) and any(address in value for address in _own(policy))


def _auto_submitted(mail: ParsedEmail) -> bool:
    value = (mail.auto_submitted or "").split(";", 1)[0].strip().lower()
    return bool(value) and value != "no"


def _bounce(mail: ParsedEmail) -> bool:
    return (
        mail.is_report
        or (mail.return_path or "").replace(" ", "") == "<>"
        or bool(BOUNCE_LOCAL.match(mail.sender.local_part))
        or bool(BOUNCE_SUBJECT.match(mail.subject))
        or "x-failed-recipients" in mail.extra_headers
    )


def _vendor_auto(mail: ParsedEmail) -> bool:
    headers = mail.extra_headers
    return any(name in headers for name in ("x-autoreply", "x-autorespond", "x-auto-reply"))


Check = Callable[[ParsedEmail, LoopPolicy], bool]
CHECKS: tuple[tuple[str, Check], ...] = (
    ("own_address", lambda mail, policy: mail.sender.address in _own(policy)),
    ("x_loop", _x_loop),
    ("quoted_only", lambda mail, policy: mail.quoted_only),
    ("auto_submitted", lambda mail, policy: _auto_submitted(mail)),
    ("bounce", lambda mail, policy: _bounce(mail)),
    ("mailing_list", lambda mail, policy: bool(mail.list_id or mail.list_unsubscribe)),
    (
        "bulk_precedence",
        lambda mail, policy: (mail.precedence or "").strip().lower() in BULK_PRECEDENCE,
    ),
    (
        "auto_reply_precedence",
        lambda mail, policy: (mail.precedence or "").strip().lower() == "auto_reply",
    ),
    (
        "many_recipients",
        lambda mail, policy: mail.undisclosed or mail.recipients > policy.max_recipients,
    ),
    (
        "auto_response_suppressed",
        lambda mail, policy: bool(SUPPRESS.intersection(mail.auto_response_suppress)),
    ),
    ("auto_reply_header", lambda mail, policy: _vendor_auto(mail)),
    ("no_reply_address", lambda mail, policy: bool(NO_REPLY_LOCAL.match(mail.sender.local_part))),
    ("out_of_office_subject", lambda mail, policy: bool(AUTO_SUBJECT.search(mail.subject))),
)


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC, so mixing them never raises."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def should_reply(
    parsed: ParsedEmail,
    now: datetime,
    recent_replies_to_recipient: Sequence[datetime],
    policy: LoopPolicy = LoopPolicy(),
) -> tuple[bool, str]:
    """Return ``(allowed, reason)``; ``reason`` is ``"ok"`` when a reply is allowed."""
    for reason, check in CHECKS:
        if check(parsed, policy):
            return False, reason
    now = _aware(now)
    since = now - policy.window
    recent = sum(1 for sent in map(_aware, recent_replies_to_recipient) if since < sent <= now)
    if recent >= policy.max_replies:
        return False, "rate_limited"
    return True, "ok"
