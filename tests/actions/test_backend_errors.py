"""The action server reads the backend's verification limits as distinct errors (issue 19 §2):
paused code requests and paused factor checks both carry their wait, and are told apart so
the bot says which (actions/verification.py: utter_otp_too_many / utter_verification_paused)."""

from __future__ import annotations

from actions.errors import TooManyAttempts, TooManyCodes, WrongCode, error_from_response


def test_paused_checks_and_paused_codes_keep_their_wait() -> None:
    paused = error_from_response(429, {"error": {"code": "too_many_attempts",
                                                 "retry_after": 95}})
    assert isinstance(paused, TooManyAttempts) and paused.retry_after == 95
    codes = error_from_response(429, {"error": {"code": "too_many_codes", "retry_after": 30}})
    assert type(codes) is TooManyCodes and codes.retry_after == 30
    wrong = error_from_response(400, {"error": {"code": "wrong_code", "attempts_left": 2}})
    assert isinstance(wrong, WrongCode) and wrong.attempts_left == 2
