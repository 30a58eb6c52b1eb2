"""Signed portal identities (channels/web/portal.py), on an injected clock: only a genuine,
unexpired signature names a user; everything else is anonymous and logged without the id."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from channels.core.models import InboundMessage
from channels.web.portal import PORTAL_USER, PortalVerifier, portal_signature, with_portal_user

SECRET = "site-secret-for-tests"
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
USER = "marta.lazaro@talleresebro.es"


def verifier(secret: str | None = SECRET, now: datetime = NOW) -> PortalVerifier:
    return PortalVerifier(secret, lambda: now)


def claim(user: str = USER, expires: int | None = None, secret: str = SECRET) -> dict[str, Any]:
    return {"user_id": user, "expires": expires,
            "signature": portal_signature(secret, user, expires)}


def test_the_signature_is_the_hex_hmac_sha256_of_the_documented_message() -> None:
    # docs/channels.md: message = user_id, or "user_id:expires"; key = the site secret
    import hashlib
    import hmac
    assert portal_signature(SECRET, USER) == hmac.new(
        SECRET.encode(), USER.encode(), hashlib.sha256).hexdigest()
    assert portal_signature(SECRET, USER, 1700000000) == hmac.new(
        SECRET.encode(), f"{USER}:1700000000".encode(), hashlib.sha256).hexdigest()


@pytest.mark.parametrize("expires", [None, int((NOW + timedelta(minutes=5)).timestamp())])
def test_a_genuine_identity_names_its_user(expires: int | None) -> None:
    assert verifier().user(claim(expires=expires)) == USER


def test_upper_case_hex_is_accepted() -> None:
    genuine = claim()
    assert verifier().user({**genuine, "signature": genuine["signature"].upper()}) == USER


@pytest.mark.parametrize("name", ["other user", "other expiry", "other secret", "expired",
                                  "expires now", "no signature", "not an object",
                                  "text expiry", "boolean expiry", "empty user", "long user"])
def test_anything_else_is_anonymous_and_logged_without_the_user_id(
        name: str, caplog: pytest.LogCaptureFixture) -> None:
    later = int((NOW + timedelta(hours=1)).timestamp())
    genuine = claim(expires=later)
    claimed: object = {
        "other user": {**genuine, "user_id": "someone.else@example.com"},
        "other expiry": {**genuine, "expires": later + 3600},
        "other secret": claim(expires=later, secret="guessed"),
        "expired": claim(expires=int((NOW - timedelta(seconds=1)).timestamp())),
        "expires now": claim(expires=int(NOW.timestamp())),
        "no signature": {"user_id": USER, "expires": later},
        "not an object": f"{USER}:{genuine['signature']}",
        "text expiry": {**genuine, "expires": str(later)},
        "boolean expiry": claim(expires=True),
        "empty user": claim(user=" "),
        "long user": claim(user="u" * 201),
    }[name]
    with caplog.at_level(logging.WARNING, logger="channels.web.portal"):
        assert verifier().user(claimed) is None
    assert "portal identity refused" in caplog.text
    assert USER not in caplog.text


def test_without_a_configured_secret_nobody_is_identified() -> None:
    assert verifier(secret=None).user(claim(secret="")) is None
    assert verifier(secret="").user(claim(secret="")) is None


def test_no_claim_is_simply_anonymous(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert verifier().user(None) is None
    assert not caplog.text


def test_a_rest_client_cannot_name_the_portal_user_itself() -> None:
    said = InboundMessage("rest", "client-1", "hola",
                          metadata={PORTAL_USER: USER, "language": "es"})
    assert with_portal_user(said, verifier()).metadata == {"language": "es"}
    signed = InboundMessage("rest", "client-1", "hola", metadata={"identity": claim()})
    assert with_portal_user(signed, verifier()).metadata == {PORTAL_USER: USER}
    forged = InboundMessage("rest", "client-1", "hola",
                            metadata={"identity": claim(secret="guessed"), PORTAL_USER: USER})
    assert with_portal_user(forged, verifier()).metadata == {}
