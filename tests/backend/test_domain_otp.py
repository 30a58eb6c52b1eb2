"""One-time code policy, independent of storage."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain import otp
from backend.domain.errors import CodeExpired, VerificationLocked, WrongCode

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


def challenge(code: str = "123456") -> otp.Challenge:
    return otp.Challenge(otp.hash_code(code), NOW + otp.DEFAULT_TTL, 0, False)


def test_codes_are_six_digits_and_never_stored_plain():
    code = otp.new_code()
    assert len(code) == 6 and code.isdigit()
    stored = otp.hash_code(code)
    assert code not in stored
    assert otp.code_matches(code, stored)
    assert otp.hash_code(code) != stored  # salted


def test_right_code_consumes_the_challenge():
    c = challenge()
    c.check(" 123456 ", NOW)
    assert c.code_hash is None
    with pytest.raises(CodeExpired):
        c.check("123456", NOW)


def test_third_wrong_code_locks_and_right_code_stays_locked():
    c = challenge()
    for left in (2, 1):
        with pytest.raises(WrongCode) as info:
            c.check("000000", NOW)
        assert info.value.extra() == {"attempts_left": left}
    with pytest.raises(VerificationLocked):
        c.check("000000", NOW)
    assert c.locked
    with pytest.raises(VerificationLocked):
        c.check("123456", NOW)


def test_expiry_is_exclusive_at_ten_minutes():
    c = challenge()
    with pytest.raises(CodeExpired):
        c.check("123456", NOW + timedelta(minutes=10))
    c = challenge()
    c.check("123456", NOW + timedelta(minutes=9, seconds=59))
