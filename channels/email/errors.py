"""Errors of the e-mail channel's pure parts, one documented hierarchy.

EmailChannelError                  base; never raised itself
├── MailRejected                   the message is quarantined, never dropped;
│   │                              carries ``reason`` (snake_case) and ``detail``
│   ├── MailTooLarge               raw size above ``Limits.max_bytes``
│   ├── HeadersTooLarge            too many header lines or header block too big
│   ├── NestingTooDeep             MIME nesting above ``Limits.max_depth``
│   ├── TooManyParts               more MIME parts than ``Limits.max_parts``
│   ├── NotAnEmail                 empty input or no header block at all
│   ├── SenderMissing              no usable From address
│   ├── SenderAmbiguous            several From headers or addresses
│   ├── MalformedMail              the MIME structure could not be read at all
│   ├── BrokenMime                 parsed, but nothing readable left (garbage parts)
│   └── Encrypted                  PGP/MIME, inline PGP or S/MIME enveloped data
└── RenderError                    an outbound reply cannot be built from the input
                                   (no recipient, bad language, header injection)

``parse_email`` raises only ``MailRejected`` subclasses; ``parse_or_quarantine``
raises nothing and returns a ``Quarantine`` holding the raw bytes and the reason.
"""

from __future__ import annotations


class EmailChannelError(Exception):
    """Base of every error the e-mail channel raises on purpose."""


class MailRejected(EmailChannelError):
    """The message cannot be handled by the bot; keep it for a person."""

    reason = "rejected"

    def __init__(self, detail: str) -> None:
        super().__init__(f"{self.reason}: {detail}")
        self.detail = detail


def _rejection(name: str, reason: str) -> type[MailRejected]:
    """A ``MailRejected`` subclass per reason (documented in the tree above)."""
    return type(name, (MailRejected,), {"reason": reason, "__module__": __name__})


MailTooLarge = _rejection("MailTooLarge", "too_large")
HeadersTooLarge = _rejection("HeadersTooLarge", "headers_too_large")
NestingTooDeep = _rejection("NestingTooDeep", "nesting_too_deep")
TooManyParts = _rejection("TooManyParts", "too_many_parts")
NotAnEmail = _rejection("NotAnEmail", "not_an_email")
SenderMissing = _rejection("SenderMissing", "sender_missing")
SenderAmbiguous = _rejection("SenderAmbiguous", "sender_ambiguous")
MalformedMail = _rejection("MalformedMail", "malformed")
BrokenMime = _rejection("BrokenMime", "broken_mime")
Encrypted = _rejection("Encrypted", "encrypted")


class RenderError(EmailChannelError):
    """An outbound reply cannot be built from the given input."""
