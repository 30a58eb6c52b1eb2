"""One-time code policy: 6 digits, expiry, 3 wrong attempts lock verification."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.domain.errors import CodeExpired, VerificationLocked, WrongCode

CODE_DIGITS = 6
MAX_WRONG_ATTEMPTS = 3
DEFAULT_TTL = timedelta(minutes=10)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(code: str, salt: str | None = None) -> str:
    """Salted SHA-256, stored as `salt$hexdigest`; the plain code is never stored."""
    salt = salt if salt is not None else secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()
    return f"{salt}${digest}"


def code_matches(code: str, stored: str) -> bool:
    salt, _, _digest = stored.partition("$")
    return hmac.compare_digest(hash_code(code.strip(), salt), stored)


@dataclass
class Challenge:
    """The state of one conversation's verification, as the policy sees it."""

    code_hash: str | None
    expires_at: datetime | None
    attempts: int
    locked: bool

    def ensure_not_locked(self) -> None:
        if self.locked:
            raise VerificationLocked("verification is locked after too many wrong codes")

    def check(self, code: str, now: datetime) -> None:
        """Accept the right code in time; count a wrong one (and lock at the 3rd).

        Mutates the challenge before raising, so callers must persist it either way.
        """
        self.ensure_not_locked()
        if self.code_hash is None or self.expires_at is None or now >= self.expires_at:
            raise CodeExpired("no one-time code is pending or it has expired; ask for a new one")
        if code_matches(code, self.code_hash):
            self.code_hash = None
            self.expires_at = None
            return
        self.count_wrong()

    def count_wrong(self) -> None:
        """One more wrong attempt: raise WrongCode, or lock at the 3rd (VerificationLocked).
        Also for a code that matched but proves nothing (it was never sent)."""
        self.attempts += 1
        if self.attempts >= MAX_WRONG_ATTEMPTS:
            self.locked = True
            self.code_hash = None
            raise VerificationLocked("verification is locked after too many wrong codes")
        raise WrongCode("the code is not right", attempts_left=MAX_WRONG_ATTEMPTS - self.attempts)
