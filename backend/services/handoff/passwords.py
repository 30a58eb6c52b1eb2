"""Password hashing for agent accounts (argon2id, parameters of argon2-cffi's defaults)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend.domain.handoff_errors import WeakPassword

MIN_LENGTH = 10
_hasher = PasswordHasher()
# verified against when the user does not exist, so both paths cost the same time
_DUMMY = _hasher.hash("not-a-real-password-0000")


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"passwords need at least {MIN_LENGTH} characters",
                           min_length=MIN_LENGTH)
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)
